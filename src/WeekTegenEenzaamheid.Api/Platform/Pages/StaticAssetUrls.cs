using Microsoft.AspNetCore.StaticAssets;

namespace WeekTegenEenzaamheid.Api.Platform.Pages;

/// <summary>
/// The fingerprinted address ("css/site.rf9zd4g0n8.css") of a file in wwwroot, which MapStaticAssets serves with
/// "Cache-Control: max-age=31536000, immutable"; a file it does not know keeps its plain address.
/// </summary>
public sealed class StaticAssetUrls(EndpointDataSource endpoints)
{
    private Dictionary<string, string>? urls;

    public string Url(string path)
    {
        urls ??= endpoints.Endpoints
            .Select(endpoint => endpoint.Metadata.GetMetadata<StaticAssetDescriptor>())
            .OfType<StaticAssetDescriptor>()
            .Where(asset => asset.Properties.Any(p => p.Name == "fingerprint") && !asset.Selectors.Any())
            .Select(asset => (Label: asset.Properties.FirstOrDefault(p => p.Name == "label")?.Value, asset.Route))
            .Where(asset => asset.Label is not null)
            .DistinctBy(asset => asset.Label)
            .ToDictionary(asset => asset.Label!, asset => "/" + asset.Route, StringComparer.Ordinal);
        return urls.TryGetValue(path, out var url) ? url : "/" + path;
    }
}
