using Greylane.Webhook.Analysis;
using Greylane.Webhook.Controller.Leadership;
using Greylane.Webhook.Notifications;
using Greylane.Webhook.Traffic;
using k8s;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Greylane.Webhook.Controller;

/// <summary>Registers the controller (a hosted service) when <see cref="ControllerOptions.Enabled"/>.</summary>
internal static class ControllerServiceCollectionExtensions
{
    /// <summary>
    /// Adds the controller from the command line; an <see cref="IKubernetes"/> registered before wins (tests inject
    /// clients with fault injection this way).
    /// </summary>
    public static IServiceCollection AddGreylaneController(this IServiceCollection services, IConfiguration configuration) =>
        services.AddGreylaneController(ControllerOptions.From(configuration), configuration);

    /// <summary>Adds the controller with settings already read (the host reads every setting of the process at once).</summary>
    public static IServiceCollection AddGreylaneController(this IServiceCollection services, ControllerOptions options, IConfiguration configuration)
    {
        services.TryAddSingleton(options);
        if (!options.Enabled)
        {
            return services;
        }

        services.TryAddSingleton<IKubernetes>(_ => new Kubernetes(options.Kubeconfig is { } path
            ? ControllerOptions.ClientConfiguration(path, options.Context)
            : KubernetesClientConfiguration.InClusterConfig()));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(Prometheus.Metrics.DefaultRegistry);
        services.AddPrometheusAnalysis(configuration);
        services.TryAddSingleton<IstioTrafficRouter>();
        services.TryAddSingleton<Traffic.Gateway.GatewayTrafficRouter>();
        services.TryAddSingleton<ITrafficRouter, SelectingTrafficRouter>();
        services.TryAddSingleton<LeaderFence>();
        services.TryAddSingleton<LeaseElector>();
        services.TryAddSingleton<ClusterClient>();
        services.TryAddSingleton<MeasurementInbox>();
        services.TryAddSingleton<CanaryCache>();
        services.TryAddSingleton<OwnWrites>();
        services.TryAddSingleton<RolloutSeries>();
        services.TryAddSingleton<ControllerMetrics>();
        services.TryAddSingleton(s => new EventRecorder(
            s.GetRequiredService<ClusterClient>(), s.GetRequiredService<TimeProvider>(), options.Identity, s.GetRequiredService<ILogger<EventRecorder>>()));
        services.TryAddSingleton<RolloutReconciler>();
        services.TryAddSingleton<RoutingSweep>();
        services.TryAddSingleton<RolloutController>();
        services.AddHostedService<ControllerService>();

        // Release notifications: the outbox is always there (empty without receivers), so reconciles never ask.
        services.TryAddSingleton(_ => NotifyOptions.From(configuration));
        services.TryAddSingleton<NotificationMetrics>();
        services.TryAddSingleton<NotificationOutbox>();
        services.AddHostedService<NotificationSender>();
        return services;
    }
}
