using System.Text;
using System.Text.Json.Nodes;
using Greylane.Webhook.Admission;
using Greylane.Webhook.Support.Tests;

namespace Greylane.Webhook.Admission.Tests;

/// <summary>Reviews no API server sends: each is a 400 that names the field, never an exception or a 500.</summary>
public sealed class BadReviewTests
{
    private const string Lone = "\\ud800";

    [Theory]
    [InlineData("uid", "request.uid")]
    [InlineData("name", "request.name")]
    [InlineData("namespace", "request.namespace")]
    [InlineData("operation", "request.operation")]
    public void A_lone_surrogate_in_the_envelope_is_a_400_naming_the_field(string field, string path)
    {
        var body = Fixture.Text("release").Replace($"\"{field}\":\"", $"\"{field}\":\"{Lone}", StringComparison.Ordinal);

        var result = Handler.Raw(body);

        Assert.Equal(400, result.StatusCode);
        Assert.Equal($"{path} {ReviewText.Problem}\n", Text(result));
    }

    [Fact]
    public void Bytes_that_are_not_utf8_in_the_uid_are_a_400_naming_it()
    {
        var body = Bytes(Fixture.Text("release"), "\"uid\":\"", [0xC0, 0xAF, 0xFF]);

        var result = Handler.Raw(body);

        Assert.Equal(400, result.StatusCode);
        Assert.StartsWith($"request.uid {ReviewText.Problem}", Text(result), StringComparison.Ordinal);
    }

    [Fact]
    public void A_member_name_that_is_not_text_is_named_by_where_it_is()
    {
        var body = Fixture.Text("release").Replace("\"request\":{", $"\"request\":{{\"{Lone}\":1,", StringComparison.Ordinal);

        Assert.StartsWith("a member name in request is not Unicode text", Text(Handler.Raw(body)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("labels", "request.object.metadata.labels[app.kubernetes.io/name]")]
    [InlineData("annotations", "request.object.metadata.annotations[greylane.dev/strategy]")]
    public void Text_that_is_not_unicode_inside_the_object_is_denied_inside_the_review(string map, string path)
    {
        var review = Fixture.Review("release");
        var key = map == "labels" ? "app.kubernetes.io/name" : "greylane.dev/strategy";
        review["request"]!["object"]!["metadata"]![map]![key] = "marker";
        var body = review.ToJsonString().Replace("\"marker\"", $"\"x{Lone}\"", StringComparison.Ordinal);

        var answer = Answer(body, review);

        Assert.False(answer.Allowed);
        Assert.Equal(400, answer.Code);
        Assert.Equal($"{path} {ReviewText.Problem}", answer.Message);
    }

    public static TheoryData<string, string, string> WrongTypes => new()
    {
        { "object.spec.replicas", "\"3\"", "request.object.spec.replicas is a string (\"3\"); expected an integer (int32)" },
        { "object.spec.replicas", "true", "request.object.spec.replicas is a boolean (true); expected an integer (int32)" },
        { "object.spec.replicas", "{\"n\":3}", "request.object.spec.replicas is an object; expected an integer (int32)" },
        { "object.spec.replicas", "2.5", "request.object.spec.replicas is a number (2.5); expected an integer (int32)" },
        { "object.spec.replicas", "1e400", "request.object.spec.replicas is a number (1e400); expected an integer (int32)" },
        { "object.spec.replicas", "99999999999999999999", "request.object.spec.replicas is a number (99999999999999999999); expected an integer (int32)" },
        { "oldObject.spec.replicas", "\"3\"", "request.oldObject.spec.replicas is a string (\"3\"); expected an integer (int32)" },
        { "object.spec.paused", "\"true\"", "request.object.spec.paused is a string (\"true\"); expected true or false" },
        { "object.metadata.annotations", "[\"greylane.dev/enabled\"]", "request.object.metadata.annotations is an array; expected a map of strings" },
        { "object.metadata.labels", "{\"app\":1}", "request.object.metadata.labels[app] is a number (1); expected a string" },
        { "object.metadata.name", "[]", "request.object.metadata.name is an array; expected a string" },
        { "object.spec.template", "\"v2\"", "request.object.spec.template is a string (\"v2\"); expected an object" },
        { "object.spec", "7", "request.object.spec is a number (7); expected an object" },
        { "object.metadata", "null", "request.object.metadata is missing" },
        { "oldObject", "null", "request.oldObject is missing on an UPDATE" },
    };

    [Theory]
    [MemberData(nameof(WrongTypes))]
    public void A_field_of_the_wrong_type_in_an_opted_in_deployment_is_denied_with_its_path_and_type(string path, string json, string problem)
    {
        var review = Fixture.Review("release");
        Set(review, path, JsonNode.Parse(json));

        var answer = Answer(review.ToJsonString(), review);

        Assert.False(answer.Allowed);
        Assert.Equal(400, answer.Code);
        Assert.Equal($"greylane cannot judge this opted-in Deployment: {problem}; send a complete apps/v1 Deployment", answer.Message);
    }

    [Fact]
    public void An_update_without_the_new_object_of_an_opted_in_deployment_is_denied()
    {
        var review = Fixture.Review("release");
        Set(review, "object", null);

        var answer = Answer(review.ToJsonString(), review);

        Assert.False(answer.Allowed);
        Assert.Contains("request.object is missing", answer.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> WrongEnvelopes => new()
    {
        { "uid", "5", "request.uid is a number (5); expected a string, which the answer must echo" },
        { "operation", "null", "request.operation is missing; expected CREATE, UPDATE, DELETE or CONNECT" },
        { "operation", "[\"UPDATE\"]", "request.operation is an array; expected a string" },
        { "kind", "\"apps/v1/Deployment\"", "request.kind is a string (\"apps/v1/Deployment\"); expected an object" },
        { "kind.group", "1", "request.kind.group is a number (1); expected a string" },
        { "name", "{}", "request.name is an object; expected a string" },
        { "dryRun", "\"yes\"", "request.dryRun is a string (\"yes\"); expected true or false" },
        { "object", "\"deployment\"", "request.object is a string (\"deployment\"); expected a Deployment object or null" },
        { "oldObject", "[]", "request.oldObject is an array; expected a Deployment object or null" },
    };

    [Theory]
    [MemberData(nameof(WrongEnvelopes))]
    public void A_field_of_the_wrong_type_in_the_review_is_a_400_with_its_path_and_type(string path, string json, string problem)
    {
        var review = Fixture.Review("release");
        Set(review, path, JsonNode.Parse(json));

        var result = Handler.Raw(review.ToJsonString());

        Assert.Equal(400, result.StatusCode);
        Assert.Equal(problem + "\n", Text(result));
    }

    [Theory]
    [InlineData("{\"apiVersion\":1,\"kind\":\"AdmissionReview\"}", "expected kind AdmissionReview apiVersion admission.k8s.io/v1, got kind 'AdmissionReview' apiVersion a number (1)")]
    [InlineData("{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":[]}", "request is an array; expected an object")]
    [InlineData("{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":null}", "request is missing; an AdmissionReview sent to a webhook carries request")]
    public void A_broken_envelope_is_a_400_that_says_what_it_holds(string body, string problem)
    {
        var result = Handler.Raw(body);

        Assert.Equal(400, result.StatusCode);
        Assert.Equal(problem + "\n", Text(result));
    }

    [Fact]
    public void A_deployment_that_is_not_opted_in_stays_none_of_greylanes_business()
    {
        var review = Fixture.Review("not-opted-in");
        Set(review, "object.spec.replicas", JsonValue.Create("three"));

        Assert.True(Answer(review.ToJsonString(), review).Allowed);
    }

    private static ReviewAnswer Answer(string body, JsonObject review)
    {
        var result = Handler.Raw(body);
        Assert.True(result.StatusCode == 200, Text(result));
        return ReviewAnswer.Parse(Text(result), review);
    }

    private static void Set(JsonObject review, string path, JsonNode? value)
    {
        var names = path.Split('.');
        var parent = review["request"]!;
        foreach (var name in names[..^1])
        {
            parent = parent[name]!;
        }

        parent[names[^1]] = value;
    }

    private static byte[] Bytes(string text, string after, byte[] insert)
    {
        var at = text.IndexOf(after, StringComparison.Ordinal) + after.Length;
        return [.. Encoding.UTF8.GetBytes(text[..at]), .. insert, .. Encoding.UTF8.GetBytes(text[at..])];
    }

    private static string Text(HandlerResult result) => Encoding.UTF8.GetString(result.Body);
}
