using WeekTegenEenzaamheid.Api.Features.Municipalities;

namespace WeekTegenEenzaamheid.Tests.Features.Municipalities;

public sealed class MunicipalityShapesTests
{
    [Fact]
    public void MunicipalityShapes_HoldEveryMunicipalityOfTheCbsList_OnceEach_WithinTheMap()
    {
        var shapes = new MunicipalityShapes();
        var directory = new MunicipalityDirectory();

        shapes.All.Count.ShouldBe(342);
        shapes.All.Select(shape => shape.Code).ShouldBe(directory.All.Select(municipality => municipality.Code));
        shapes.All.ShouldAllBe(shape => shape.PathData.StartsWith('M') && shape.PathData.EndsWith('Z'));
        var coordinates = shapes.All
            .SelectMany(shape => shape.PathData.Split([' ', 'M', 'Z'], StringSplitOptions.RemoveEmptyEntries))
            .Select(int.Parse)
            .ToArray();
        coordinates.ShouldAllBe(value => value >= 0 && value <= Math.Max(shapes.Width, shapes.Height));
        shapes.All.Sum(shape => shape.PathData.Length).ShouldBeLessThan(150_000);
    }

    [Fact]
    public void MunicipalityShapes_PutTheNorthAtTheTopAndTheWestOnTheLeft()
    {
        var shapes = new MunicipalityShapes();

        // Groningen (north-east) against Maastricht (south) and Vlissingen (south-west).
        var groningen = Centre(shapes, "GM0014");
        var maastricht = Centre(shapes, "GM0935");
        var vlissingen = Centre(shapes, "GM0718");
        groningen.Y.ShouldBeLessThan(maastricht.Y);
        vlissingen.X.ShouldBeLessThan(groningen.X);
        shapes.Height.ShouldBeGreaterThan(shapes.Width);
    }

    private static (double X, double Y) Centre(MunicipalityShapes shapes, string code)
    {
        var numbers = shapes.All.Single(shape => shape.Code == code).PathData
            .Split([' ', 'M', 'Z'], StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray();
        return (numbers.Where((_, i) => i % 2 == 0).Average(), numbers.Where((_, i) => i % 2 == 1).Average());
    }
}
