using System.Text.Json;

namespace Greylane.Core.PromQL.Tests;

/// <summary>
/// Inputs and verdicts copied from Prometheus' own parser tests (prometheus/prometheus, promql/parser/parse_test.go,
/// <c>testExpr</c>, at commit d15adb9ad7e5): <c>valid</c> parse there, <c>invalid</c> fail at the syntax or structure
/// level, <c>typeErrors</c> fail only on types or function names, which Greylane leaves to Prometheus, and
/// <c>experimental</c> parse there only behind feature flags (duration expressions), which Greylane refuses.
/// Inputs with invalid UTF-8 are left out: a .NET string cannot hold them.
/// </summary>
internal static class PrometheusCases
{
    private static readonly Dictionary<string, string[]> Cases = JsonSerializer.Deserialize<Dictionary<string, string[]>>(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "PromQL", "Fixtures", "prometheus-parse-cases.json")))!;

    public static TheoryData<string> Valid => Data("valid");

    public static TheoryData<string> Invalid => Data("invalid");

    public static TheoryData<string> TypeErrors => Data("typeErrors");

    public static TheoryData<string> Experimental => Data("experimental");

    private static TheoryData<string> Data(string key)
    {
        var data = new TheoryData<string>();
        foreach (var input in Cases.GetValueOrDefault(key) ?? [])
        {
            data.Add(input);
        }

        return data;
    }
}
