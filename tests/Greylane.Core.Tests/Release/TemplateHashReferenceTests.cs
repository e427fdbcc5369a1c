using System.Text;
using System.Text.Json;

namespace Greylane.Core.Release.Tests;

/// <summary>
/// The canonical text is written by hand where it is plain and by Utf8JsonWriter where it needs escaping; on every
/// shape here it must hash exactly as the first implementation (which wrote everything through Utf8JsonWriter) did.
/// </summary>
public sealed class TemplateHashReferenceTests
{
    private const string Pod = """
        {"metadata":{"creationTimestamp":null,"labels":{"app":"mocka-base","version":"base","pod-template-hash":"x"},
          "annotations":{"sidecar.istio.io/inject":"true","note":"a&b <i> 'q' `t` 1+1"}},
         "spec":{"containers":[{"name":"mocka","image":"registry.example.com/e2e/mocka:1.5.0",
           "args":["--listen=:8080","--downstream=http://mockb.e2e.svc.cluster.local:8080?a=1&b=2"],
           "ports":[{"name":"http","containerPort":8080,"protocol":"TCP"}],
           "env":[{"name":"JSON","value":"{\"k\":\"v\\n\"}"},{"name":"POD","valueFrom":{"fieldRef":{"apiVersion":"v1","fieldPath":"metadata.name"}}}],
           "resources":{"limits":{"cpu":"500m","memory":"256Mi"},"requests":{"cpu":0.1,"memory":1.28e8}},
           "readinessProbe":{"httpGet":{"path":"/ready","port":8080},"initialDelaySeconds":2,"periodSeconds":-5}}],
          "volumes":[{"name":"config","configMap":{"name":"mocka-config","defaultMode":420}},null,[],{}],
          "nodeSelector":{"pod-template-hash":"kept","kubernetes.io/os":"linux"},"terminationGracePeriodSeconds":30,
          "hostNetwork":false,"enableServiceLinks":true,"schedulerName":null}}
        """;

    public static TheoryData<string> Templates()
    {
        var data = new TheoryData<string> { Pod, "{}", "[]", "\"text\"", "7", "null", "{\"a\":{\"b\":{\"c\":[[[{}]]]}}}" };
        for (var c = 0x20; c < 0x7F; c++)
        {
            // Raw where JSON allows it (so that & + < > ' ` reach the hash unescaped), escaped otherwise.
            var text = c is '"' or '\\' ? JsonSerializer.Serialize(((char)c).ToString()) : $"\"{(char)c}\"";
            var inner = text[1..^1];
            data.Add("{\"metadata\":{\"labels\":{" + text + ":" + text + ",\"x" + inner + "y\":\"x" + inner + "y\"}}}");
        }

        foreach (var text in new[] { "é", "日本", "😀", "\\u00e9", "\\u0041", "\\ud83d\\ude00", "\\uffff", "\\u007f", "\\u0000", "\\t", "\\/", "\u007f" })
        {
            var quoted = "\"" + text + "\"";
            data.Add("{\"metadata\":{\"labels\":{" + quoted + ":" + quoted + ",\"a" + text + "\":\"b\"}},\"spec\":{\"z" + text + "\":1," + quoted + ":[" + quoted + "]}}");
        }

        data.Add("""{"metadata":{"\u0063reationTimestamp":"escaped name, still ignored","labels":{"pod-template-h\u0061sh":"x","b":"1","a":"2"}}}""");
        data.Add("""{"b":1,"a":2,"b":3,"a":{"y":1,"x":2}}""");
        return data;
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Hash_equals_the_first_implementations(string template)
    {
        using var document = JsonDocument.Parse(template);

        Assert.Equal(ReferenceTemplateHash.Compute(document.RootElement), TemplateHash.Compute(document.RootElement));
    }

    [Fact]
    public void A_large_template_hashes_as_before_and_the_next_small_one_too()
    {
        var big = new StringBuilder("{\"spec\":{\"containers\":[");
        for (var i = 0; i < 5000; i++)
        {
            big.Append(i == 0 ? "" : ",").Append("{\"name\":\"c").Append(i).Append("\",\"image\":\"i:").Append(i).Append("\"}");
        }

        big.Append("],\"nodeSelector\":{");
        for (var i = 3000; i > 0; i--)
        {
            big.Append(i == 3000 ? "" : ",").Append("\"k").Append(i).Append("\":{\"v\":").Append(i).Append(",\"a\":null}");
        }

        using var large = JsonDocument.Parse(big.Append("}}}").ToString());
        using var small = JsonDocument.Parse(Pod);

        Assert.Equal(ReferenceTemplateHash.Compute(large.RootElement), TemplateHash.Compute(large.RootElement));
        Assert.Equal(ReferenceTemplateHash.Compute(small.RootElement), TemplateHash.Compute(small.RootElement));
    }
}
