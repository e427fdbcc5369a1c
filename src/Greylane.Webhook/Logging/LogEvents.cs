namespace Greylane.Webhook.Logging;

/// <summary>
/// Every log event id of the process, in one list: an id names one message for log queries and alerts, so none is
/// reused, and each area owns a block of a hundred.
/// </summary>
internal static class LogEvents
{
    // Admission: 100–199
    public const int AdmissionHandlerAllowed = 100;
    public const int AdmissionHandlerPatched = 101;
    public const int AdmissionHandlerDenied = 102;
    public const int AdmissionHandlerDecisionFailed = 103;
    public const int AdmissionHandlerHandlingFailed = 104;

    // Tls: 200–299
    public const int CertificateStoreLoaded = 200;
    public const int CertificateStoreReloaded = 201;
    public const int CertificateStoreLoadFailed = 202;
    public const int CertificateStoreWatchError = 203;

    // Controller: 300–399
    public const int RoutingSweepUnowned = 300;
    public const int RoutingSweepNotRestored = 301;
    public const int RoutingSweepRestored = 302;
    public const int EventRecorderEventLost = 303;
    public const int ResourceInformerExpired = 304;
    public const int ResourceInformerWatchFailed = 305;
    public const int RolloutControllerStarting = 306;
    public const int RolloutControllerStopped = 307;
    public const int RolloutControllerSweepFailed = 308;
    public const int RolloutControllerReconcileFailed = 309;

    // Leadership: 400–499
    public const int LeaseElectorLeading = 400;
    public const int LeaseElectorLost = 401;
    public const int LeaseElectorTaken = 402;
    public const int LeaseElectorElectionError = 403;
    public const int LeaseElectorReleased = 404;
    public const int LeaseElectorReleaseFailed = 405;

    // Reconcile: 500–599
    public const int RolloutReconcilerConflict = 500;
    public const int RolloutReconcilerReconciled = 501;
    public const int RolloutReconcilerRouting = 502;
    public const int RolloutReconcilerTemplateMoved = 503;

    // Traffic: 600–699
    public const int IstioTrafficRouterCreated = 600;
    public const int IstioTrafficRouterReplaced = 601;
    public const int IstioTrafficRouterDeleted = 602;
    public const int IstioTrafficRouterRetry = 603;

    // Gateway API routing (issue 17): 650–699
    public const int GatewayTrafficRouterCreated = 650;
    public const int GatewayTrafficRouterReplaced = 651;
    public const int GatewayTrafficRouterDeleted = 652;
    public const int GatewayTrafficRouterRetry = 653;
    public const int SelectingTrafficRouterChose = 654;

    // Analysis: 700–799
    public const int PrometheusClientRetry = 700;
    public const int PrometheusMetricAnalyzerMeasured = 701;

    // Notifications: 800–899
    public const int NotificationSenderRetry = 800;
    public const int NotificationSenderGaveUp = 801;
    public const int NotificationSenderRejected = 802;
}
