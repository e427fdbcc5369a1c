using System.Text.Json;
using Greylane.Core.Release;

namespace Greylane.Core.Release.Tests;

/// <summary>
/// Hashes name releases that already exist in clusters (annotations, ReplicaSet names), so a faster way to compute
/// them must give the very same values: these were taken from the first implementation.
/// </summary>
public sealed class TemplateHashValueTests
{
    [Theory]
    [InlineData("""{"metadata":{"labels":{"app":"a"}},"spec":{"containers":[{"name":"c","image":"i:1"}]}}""", "d1becd612e")]
    [InlineData("""{"spec":{"containers":[{"image":"i:1","name":"c"}]},"metadata":{"labels":{"app":"a"}}}""", "d1becd612e")]
    [InlineData("""{"metadata":{"labels":{"Zeta":"1","alpha":"2","_x":"3","a-b":"4","a.b/c":"5","B":"6"}}}""", "72a9547bbf")]
    [InlineData("""{"metadata":{"annotations":{"note":"a+b <c> & 'd' \"e\" é 日本 😀 \u00e9 \\ back"}}}""", "d0f9aca7eb")]
    [InlineData("""{"metadata":{"labels":{"\u0061pp":"escaped name","b":"x","a\u00e9":"y","é":"z","\ud83d\ude00":"pair"}}}""", "af606a7d46")]
    [InlineData("""{"metadata":{"labels":{"日本":"1","\uffff":"2","😀":"3","z":"4","Ω":"5"}}}""", "757b5d8103")]
    [InlineData("""{"metadata":{"creationTimestamp":null,"labels":{"pod-template-hash":"x","app":null}},"spec":{"a":[1,2.50,-3e2,true,false,null,{},[]],"b":{}}}""", "502a14e4c4")]
    [InlineData("""{"spec":{"metadata":{"creationTimestamp":"kept below the root"},"x":{"labels":{"pod-template-hash":"kept"}}}}""", "d87972137c")]
    [InlineData("""{"b":1,"a":2,"b":3}""", "39a9c315a2")]
    public void Hash_values_stay_what_they_were(string template, string expected)
    {
        using var document = JsonDocument.Parse(template);

        Assert.Equal(expected, TemplateHash.Compute(document.RootElement));
    }
}
