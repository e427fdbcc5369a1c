namespace Greylane.Core.Strategy.Tests;

public sealed class TrafficRejectionTests
{
    [Theory]
    [InlineData("traffic: {service: other/mocka}", "traffic.service: \"other/mocka\" names another namespace; references never leave the Deployment's namespace: write only the name of a Service in the Deployment's namespace")]
    [InlineData("traffic: {service: Mocka}", "traffic.service: \"Mocka\" is not a valid Service name; use lowercase letters, digits and '-', starting with a letter, at most 63 characters")]
    [InlineData("traffic: {service: 7up}", "traffic.service: \"7up\" is not a valid Service name; use lowercase letters, digits and '-', starting with a letter, at most 63 characters")]
    [InlineData("traffic: {istio: {virtualServices: [other/vs-mocka]}}", "traffic.istio.virtualServices[0]: \"other/vs-mocka\" names another namespace; references never leave the Deployment's namespace: write only the name of a VirtualService in the Deployment's namespace")]
    [InlineData("traffic: {istio: {virtualServices: [VS_A]}}", "traffic.istio.virtualServices[0]: \"VS_A\" is not a valid VirtualService name; use lowercase letters, digits, '-' and '.', starting and ending with a letter or digit")]
    [InlineData("traffic: {istio: {virtualServices: [vs, vs]}}", "traffic.istio.virtualServices[1]: \"vs\" is listed twice; list each VirtualService once")]
    [InlineData("traffic: {istio: {virtualServices: vs-mocka}}", "traffic.istio.virtualServices: expected a list of VirtualService names; got the string \"vs-mocka\"")]
    [InlineData("traffic: {istio: {virtualServices: [~]}}", "traffic.istio.virtualServices[0]: required; write a VirtualService name")]
    [InlineData("traffic: {istio: {destinationRule: istio-system/dr}}", "traffic.istio.destinationRule: \"istio-system/dr\" names another namespace; references never leave the Deployment's namespace: write only the name of a DestinationRule in the Deployment's namespace")]
    [InlineData("traffic: {istio: {canarySubset: Canary}}", "traffic.istio.canarySubset: \"Canary\" is not a valid subset name; use lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters")]
    [InlineData("traffic: {istio: {gateway: gw}}", "traffic.istio.gateway: unknown field; allowed: virtualServices, destinationRule, canarySubset")]
    [InlineData("traffic: {gracePeriod: 30}", "traffic.gracePeriod: 30 has no unit; write 30s or 30m (units: ms, s, m, h)")]
    [InlineData("traffic: {gracePeriod: 3 seconds}", "traffic.gracePeriod: \"3 seconds\" is not a duration; write a number and a unit (ms, s, m, h), e.g. 30s, 5m or 1h30m")]
    [InlineData("traffic: mocka", "traffic: expected a mapping with fields service, istio, gatewayAPI, gracePeriod, lane; got the string \"mocka\"")]
    [InlineData("traffic: {lane: {value: canary}}", "traffic.lane.header: required; name the header that marks lane traffic, e.g. header: my-request-id")]
    [InlineData("traffic: {lane: {header: my-request-id}}", "traffic.lane.value: required; write the header value of the lane, e.g. value: canary")]
    [InlineData("traffic: {lane: {header: My-Request-Id, value: canary}}", "traffic.lane.header: \"My-Request-Id\" has uppercase letters; Istio matches header names in lowercase: write \"my-request-id\"")]
    [InlineData("traffic: {lane: {header: x, value: canary, dye: {fromValue: pc}}}", "traffic.lane.dye.fromHeader: required; name the request header to dye from, e.g. fromHeader: agent")]
    [InlineData("traffic: {lane: {header: x, value: canary, dye: {fromHeader: agent}}}", "traffic.lane.dye.fromValue: required; write the value that sends a request into the lane, e.g. fromValue: pc")]
    [InlineData("traffic: {lane: {header: x, value: canary, dye: {fromHeader: agent, fromValue: pc, else: base}}}", "traffic.lane.dye.else: unknown field; allowed: fromHeader, fromValue, otherwise")]
    [InlineData("canaryLabels: {}", "canaryLabels: needs at least one label; add one, or leave canaryLabels out for the default greylane.dev/track: canary")]
    [InlineData("canaryLabels: [version]", "canaryLabels: expected a mapping of label keys to values, e.g. {version: canary}; got a list")]
    [InlineData("canaryLabels: {version: 2}", "canaryLabels[version]: expected a string; got the number 2; put it in quotes: \"2\"")]
    [InlineData("canaryLabels: {version: ~}", "canaryLabels[version]: required; write a label value, e.g. canary")]
    [InlineData("canaryLabels: {version: canary!}", "canaryLabels[version]: \"canary!\" is not a valid label value; a label value must use letters, digits, '-', '_' and '.', starting and ending with a letter or digit, at most 63 characters (or be empty)")]
    [InlineData("canaryLabels: {Bad Key: x}", "canaryLabels[Bad Key]: \"Bad Key\" is not a valid label key; the name must use letters, digits, '-', '_' and '.', starting and ending with a letter or digit, at most 63 characters")]
    [InlineData("canaryLabels: {Example.com/x: y}", "canaryLabels[Example.com/x]: \"Example.com/x\" is not a valid label key; the prefix before '/' must be a DNS name like example.com (lowercase letters, digits, '-' and '.')")]
    [InlineData("canaryLabels: {a/b/c: y}", "canaryLabels[a/b/c]: \"a/b/c\" is not a valid label key; the name after '/' must use letters, digits, '-', '_' and '.', starting and ending with a letter or digit, at most 63 characters")]
    [InlineData("canaryLabels: {pod-template-hash: x}", "canaryLabels[pod-template-hash]: \"pod-template-hash\" is set by Kubernetes on every pod; choose another key")]
    [InlineData("canaryLabels: {greylane.dev/release: x}", "canaryLabels[greylane.dev/release]: \"greylane.dev/release\" is reserved for Greylane's own use; choose another key (greylane.dev/track is free)")]
    [InlineData("progressDeadline: 5 parsecs", "progressDeadline: \"5 parsecs\" is not a duration; write a number and a unit (ms, s, m, h), e.g. 30s, 5m or 1h30m")]
    [InlineData("progressDeadline: 0s", "progressDeadline: \"0s\" is zero; use a duration of more than 0s, e.g. 30s")]
    [InlineData("progressDeadline: 1d", "progressDeadline: \"1d\" is not a duration; write a number and a unit (ms, s, m, h), e.g. 30s, 5m or 1h30m")]
    [InlineData("progressDeadline: 99999999h", "progressDeadline: \"99999999h\" is too long; use at most 2562047h")]
    [InlineData("progressDeadline: -10m", "progressDeadline: \"-10m\" is negative; use a duration of more than 0s, e.g. 30s")]
    public void A_bad_traffic_label_or_deadline_setting_is_refused_with_the_field_and_the_fix(string yaml, string error)
    {
        Assert.Equal([error], StrategyAssert.Errors(yaml));
    }

    [Fact]
    public void The_lane_and_its_dye_are_read()
    {
        const string yaml = "traffic: {lane: {header: my-request-id, value: canary, dye: {fromHeader: agent, fromValue: pc, otherwise: base}}}";

        var lane = StrategyAssert.Valid(yaml).Traffic.Lane;

        Assert.Equal(new Greylane.Core.Strategy.LaneSpec("my-request-id", "canary", new("agent", "pc", "base")), lane);
    }

    [Fact]
    public void A_dye_without_otherwise_leaves_other_requests_undyed()
    {
        var lane = StrategyAssert.Valid("traffic: {lane: {header: my-request-id, value: canary, dye: {fromHeader: agent, fromValue: pc}}}").Traffic.Lane;

        Assert.Equal("", lane!.Dye!.OtherwiseValue);
    }

    [Fact]
    public void Label_keys_with_a_dns_prefix_and_empty_values_are_valid()
    {
        var labels = StrategyAssert.Valid("canaryLabels: {app.kubernetes.io/track: canary, istio.service.tag: gray, empty: ''}").CanaryLabels;

        Assert.Equal(["app.kubernetes.io/track", "istio.service.tag", "empty"], labels.Keys);
        Assert.Equal("", labels["empty"]);
    }
}
