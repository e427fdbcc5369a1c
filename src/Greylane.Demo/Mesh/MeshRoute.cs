using Greylane.Demo.Pods;

namespace Greylane.Demo.Mesh;

/// <summary>Where the mesh sent one request: the pod (null when nothing can serve it), and how it got there, for the narration.</summary>
internal sealed record MeshRoute(RunningPod? Pod, string Via);
