using System.Text.Json.Nodes;

namespace WeekTegenEenzaamheid.Tests.Infrastructure;

/// <summary>Bends a valid request body one field at a time, for the "breaking a rule" theories.</summary>
public static class JsonEdits
{
    public static JsonObject With(this JsonObject body, string name, JsonNode? value)
    {
        body[name] = value;
        return body;
    }

    public static JsonObject WithIn(this JsonObject body, string parent, string name, JsonNode? value)
    {
        body[parent]![name] = value;
        return body;
    }

    public static JsonObject Without(this JsonObject body, string name)
    {
        body.Remove(name);
        return body;
    }
}
