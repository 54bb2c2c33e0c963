using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;
using RunRecovery.Scoring.Planning;
using Xunit;

namespace RunRecovery.Scoring.Tests.Planning;

/// <summary>
/// The serialization rule both recommendation documents are written by (<see cref="ConstructorOrder"/>,
/// docs/decisions/boundary-mirrors.md, "3: a fifth look"): a record that opts in is written in its primary
/// constructor's order, a parameter of its base's type standing for the base's properties.
/// </summary>
public class ConstructorOrderTests
{
    private static readonly JsonSerializerOptions Plain = new(JsonSerializerDefaults.Web);

    private static readonly JsonSerializerOptions Ordered = new(JsonSerializerDefaults.Web)
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver().WithAddedModifier(ConstructorOrder.Modifier),
    };

    [Fact]
    public void Writes_the_base_content_where_the_constructor_takes_it()
    {
        var item = new Item("massage", new Dose(12, "calves"), "id-1");

        // System.Text.Json alone writes the derived record's own properties first: the reason the rule exists.
        Assert.Equal("""{"kind":"massage","id":"id-1","minutes":12,"part":"calves"}""", JsonSerializer.Serialize(item, Plain));
        Assert.Equal("""{"kind":"massage","minutes":12,"part":"calves","id":"id-1"}""", JsonSerializer.Serialize(item, Ordered));
    }

    [Fact]
    public void Writes_a_record_that_lists_its_base_fields_in_that_order()
    {
        var item = new ListedItem("id-2", 5, "shins", "rest");

        Assert.Equal("""{"id":"id-2","minutes":5,"part":"shins","kind":"rest"}""", JsonSerializer.Serialize(item, Ordered));
    }

    [Fact]
    public void Leaves_records_that_do_not_opt_in_as_they_are()
    {
        var item = new NotMarked("rest", new Unmarked(3, null), "id-3");

        Assert.Equal(JsonSerializer.Serialize(item, Plain), JsonSerializer.Serialize(item, Ordered));
    }

    [Fact]
    public void The_schema_lists_the_base_content_in_order_and_required_like_the_other_parameters()
    {
        JsonNode schema = JsonSchemaExporter.GetJsonSchemaAsNode(Ordered, typeof(Item));

        Assert.Equal(["kind", "minutes", "part", "id"], schema["properties"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["kind", "minutes", "part", "id"], schema["required"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    [WrittenInConstructorOrder]
    public record Dose(int Minutes, string? Part)
    {
        protected Dose Content => this;
    }

    public sealed record Item(string Kind, Dose Content, string Id) : Dose(Content);

    public sealed record ListedItem(string Id, int Minutes, string? Part, string Kind) : Dose(Minutes, Part);

    public record Unmarked(int Minutes, string? Part)
    {
        protected Unmarked Content => this;
    }

    public sealed record NotMarked(string Kind, Unmarked Content, string Id) : Unmarked(Content);
}
