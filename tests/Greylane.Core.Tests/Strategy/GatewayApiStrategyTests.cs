namespace Greylane.Core.Strategy.Tests;

public sealed class GatewayApiStrategyTests
{
    [Fact]
    public void Gateway_api_routes_and_the_canary_service_are_read()
    {
        var gateway = StrategyAssert.Valid("traffic: {gatewayAPI: {httpRoutes: [mocka, mocka-mesh], grpcRoutes: [mocka-grpc], canaryService: mocka-next}}").Traffic.GatewayApi!;

        Assert.Equal(["mocka", "mocka-mesh"], gateway.HttpRoutes);
        Assert.Equal(["mocka-grpc"], gateway.GrpcRoutes);
        Assert.Equal("mocka-next", gateway.CanaryService);
        Assert.True(gateway.NamesRoutes);
    }

    [Fact]
    public void An_empty_gateway_api_mapping_chooses_gateway_api_and_finds_the_routes()
    {
        var gateway = StrategyAssert.Valid("traffic: {gatewayAPI: {}}").Traffic.GatewayApi!;

        Assert.False(gateway.NamesRoutes);
        Assert.Null(gateway.CanaryService);
    }

    [Fact]
    public void Without_gateway_api_the_strategy_names_none()
    {
        Assert.Null(StrategyAssert.Valid("traffic: {service: mocka}").Traffic.GatewayApi);
    }

    [Theory]
    [InlineData("traffic: {gatewayAPI: {httpRoutes: [other/mocka]}}", "traffic.gatewayAPI.httpRoutes[0]: \"other/mocka\" names another namespace; references never leave the Deployment's namespace: write only the name of a HTTPRoute in the Deployment's namespace")]
    [InlineData("traffic: {gatewayAPI: {grpcRoutes: [g, g]}}", "traffic.gatewayAPI.grpcRoutes[1]: \"g\" is listed twice; list each GRPCRoute once")]
    [InlineData("traffic: {gatewayAPI: {httpRoutes: mocka}}", "traffic.gatewayAPI.httpRoutes: expected a list of HTTPRoute names; got the string \"mocka\"")]
    [InlineData("traffic: {gatewayAPI: {canaryService: Mocka}}", "traffic.gatewayAPI.canaryService: \"Mocka\" is not a valid Service name; use lowercase letters, digits and '-', starting with a letter, at most 63 characters")]
    [InlineData("traffic: {gatewayAPI: {routes: [a]}}", "traffic.gatewayAPI.routes: unknown field; allowed: httpRoutes, grpcRoutes, canaryService")]
    [InlineData("traffic: {gatewayAPI: {}, istio: {virtualServices: [vs]}}", "traffic.gatewayAPI: a Deployment routes through Istio or through the Gateway API, never both; remove traffic.istio or traffic.gatewayAPI")]
    [InlineData("traffic: {gatewayAPI: {}, lane: {header: my-request-id, value: canary, dye: {fromHeader: agent, fromValue: pc}}}", "traffic.lane.dye: dyeing the lane at the gateway is Istio-only (an EnvoyFilter); with traffic.gatewayAPI let the client or the gateway's own request-header filter set the lane header, and remove dye")]
    public void A_bad_gateway_api_setting_is_refused_with_the_field_and_the_fix(string yaml, string error)
    {
        Assert.Equal([error], StrategyAssert.Errors(yaml));
    }
}
