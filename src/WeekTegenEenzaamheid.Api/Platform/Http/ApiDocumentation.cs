using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using WeekTegenEenzaamheid.Api.Platform.Security;

namespace WeekTegenEenzaamheid.Api.Platform.Http;

/// <summary>
/// What the OpenAPI document says about one type beyond its shape: a description, the properties a valid request
/// must have (<see cref="Required"/>, camelCase), the allowed values of string properties or string arrays
/// (<see cref="Enums"/>) and an example that passes validation, built when the document is asked for (it may read
/// the database, e.g. for an edition whose registration is open). Applies to the type and every type derived from it.
/// </summary>
public sealed record SchemaDoc(Type Type)
{
    public string? Description { get; init; }

    public IReadOnlyList<string> Required { get; init; } = [];

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Enums { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    public Func<IServiceProvider, CancellationToken, Task<JsonNode>>? Example { get; init; }
}

/// <summary>The allowed values of a query parameter (camelCase name), for one operation or, without an id, for all.</summary>
public sealed record ParameterDoc(string Name, Func<IServiceProvider, IReadOnlyList<string>> Values, string? OperationId = null);

/// <summary>
/// The OpenAPI document at /openapi/v1.json, made so that a reader can try every call from /scalar: operation summaries
/// come from each route's <c>.WithSummary</c>; <see cref="SchemaDoc"/>s and <see cref="ParameterDoc"/>s registered by
/// the features add required fields, allowed values and examples; the three credentials are security schemes, applied
/// to the operations that take them (an authorization policy: the staff key; the token headers: manage and cancel).
/// </summary>
public static class ApiDocumentation
{
    public const string StaffKey = "staffKey";
    public const string ManageToken = "manageToken";
    public const string CancelToken = "cancelToken";

    public static IServiceCollection AddApiDocument(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            // Slices nest Command, Body and Page types; named by their slice ("PlaceKitOrderCommand") they do not
            // overwrite each other's schemas.
            options.CreateSchemaReferenceId = type =>
                OpenApiOptions.CreateDefaultSchemaReferenceId(type) is { } id && type.Type.DeclaringType is { } slice
                    ? slice.Name + id
                    : OpenApiOptions.CreateDefaultSchemaReferenceId(type);
            options.AddDocumentTransformer((document, _, _) =>
            {
                Describe(document);
                return Task.CompletedTask;
            });
            options.AddSchemaTransformer(TransformSchemaAsync);
            options.AddOperationTransformer(TransformOperationAsync);
        });

    private static void Describe(OpenApiDocument document)
    {
        document.Info.Title = "Week tegen Eenzaamheid";
        document.Info.Description =
            "Activities of the Week against Loneliness, sign-ups, the Kom-Erbij kit and its warehouse, and the edition's figures. "
            + "Errors are application/problem+json with a `code`; validation errors are 422 with `errors` per camelCase field.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[StaffKey] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "A staff key (`staff create --role logistics|admin` prints it once): Authorization: Bearer <key>.",
        };
        document.Components.SecuritySchemes[ManageToken] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = SecurityExtensions.ManageTokenHeader,
            Description = "The activity's manage token, from the link in the verification e-mail.",
        };
        document.Components.SecuritySchemes[CancelToken] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = SecurityExtensions.CancelTokenHeader,
            Description = "The sign-up's cancel token, from the cancel link in any e-mail about the sign-up.",
        };
    }

    private static async Task TransformSchemaAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context,
        CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        if ((Nullable.GetUnderlyingType(type) ?? type) == typeof(DateTimeOffset))
        {
            // InstantJsonConverter writes the instant; without a type, clients and Scalar took any value (an example of 1).
            schema.Type ??= type == typeof(DateTimeOffset) ? JsonSchemaType.String : JsonSchemaType.String | JsonSchemaType.Null;
            schema.Format = "date-time";
        }

        // Numbers are numbers in this API; the string form the serializer also reads is not worth teaching.
        if (schema.Type is { } numeric && numeric.HasFlag(JsonSchemaType.Integer) && numeric.HasFlag(JsonSchemaType.String))
        {
            schema.Type = numeric & ~JsonSchemaType.String;
            schema.Pattern = null;
        }

        // Objects nested in a body (a location, a delivery address) come here as a property's schema: the type decides.
        if (schema.Properties is not { Count: > 0 })
        {
            return;
        }

        foreach (var doc in context.ApplicationServices.GetServices<SchemaDoc>().Where(doc => doc.Type.IsAssignableFrom(type)))
        {
            schema.Description ??= doc.Description;
            foreach (var name in doc.Required)
            {
                schema.Required ??= new HashSet<string>();
                schema.Required.Add(name);
                if (Property(schema, name) is { } property)
                {
                    // An instant's property may not have its type yet (see above); a required one is never null.
                    property.Type = property.Type is { } known ? known & ~JsonSchemaType.Null
                        : property.Format == "date-time" ? JsonSchemaType.String : null;
                }
            }

            foreach (var (name, values) in doc.Enums)
            {
                if (Property(schema, name) is { } property)
                {
                    var target = property.Type?.HasFlag(JsonSchemaType.Array) == true ? property.Items as OpenApiSchema : property;
                    target?.Enum = [.. values.Select(value => (JsonNode)JsonValue.Create(value))];
                }
            }

            if (doc.Example is not null)
            {
                schema.Examples = [await doc.Example(context.ApplicationServices, cancellationToken)];
            }
        }
    }

    private static OpenApiSchema? Property(OpenApiSchema schema, string name) =>
        schema.Properties is not null && schema.Properties.TryGetValue(name, out var property) ? property as OpenApiSchema : null;

    private static async Task TransformOperationAsync(
        OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var services = context.ApplicationServices;
        var body = context.Description.ParameterDescriptions.FirstOrDefault(parameter => parameter.Source.Id == "Body")?.Type;
        var example = body is null ? null : services.GetServices<SchemaDoc>().FirstOrDefault(doc => doc.Example is not null
            && doc.Type.IsAssignableFrom(body));
        if (example is not null && operation.RequestBody?.Content is { } content)
        {
            // Scalar fills "Try it" from the media type's example: one that passes validation, not one made up from the types.
            foreach (var media in content.Values.OfType<OpenApiMediaType>())
            {
                media.Example = await example.Example!(services, cancellationToken);
            }
        }

        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<IAuthorizeData>().Any())
        {
            Require(operation, context, StaffKey);
        }

        foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>().ToList())
        {
            if (parameter.In == ParameterLocation.Header
                && parameter.Name is SecurityExtensions.ManageTokenHeader or SecurityExtensions.CancelTokenHeader)
            {
                // The security scheme carries the header, so Scalar asks for it once and sends it with every call.
                Require(operation, context, parameter.Name == SecurityExtensions.ManageTokenHeader ? ManageToken : CancelToken);
                operation.Parameters!.Remove(parameter);
                continue;
            }

            if (parameter.In != ParameterLocation.Query || parameter.Name is null)
            {
                continue;
            }

            // [AsParameters] records bind case-insensitively; the document names them as api.md does.
            parameter.Name = JsonNamingPolicy.CamelCase.ConvertName(parameter.Name);
            var doc = services.GetServices<ParameterDoc>()
                .Where(doc => doc.Name == parameter.Name && (doc.OperationId is null || doc.OperationId == operation.OperationId))
                .OrderBy(doc => doc.OperationId is null)
                .FirstOrDefault();
            if (doc is not null && parameter.Schema is OpenApiSchema schema)
            {
                schema.Enum = [.. doc.Values(services).Select(value => (JsonNode)JsonValue.Create(value))];
            }
        }
    }

    private static void Require(OpenApiOperation operation, OpenApiOperationTransformerContext context, string scheme)
    {
        operation.Security ??= [];
        operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(scheme, context.Document)] = [] });
    }
}
