# syntax=docker/dockerfile:1
# Greylane: the admission webhook and release controller (src/Greylane.Webhook).
#   docker build -t greylane/greylane:latest .
# Build stage: the .NET 10 SDK restores and publishes; runtime stage: the ASP.NET Core runtime only.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the project files alone, so that source edits reuse the restore layer.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/Greylane.Core/Greylane.Core.csproj src/Greylane.Core/
COPY src/Greylane.Webhook/Greylane.Webhook.csproj src/Greylane.Webhook/
RUN dotnet restore src/Greylane.Webhook/Greylane.Webhook.csproj
COPY src/Greylane.Core/ src/Greylane.Core/
COPY src/Greylane.Webhook/ src/Greylane.Webhook/
RUN dotnet publish src/Greylane.Webhook/Greylane.Webhook.csproj --no-restore -c Release -o /app \
      -p:UseAppHost=false -p:DebugType=none

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build --chown=0:0 /app ./
# Friendly to readOnlyRootFilesystem: nothing is written outside the mounted /tmp, and the
# diagnostics IPC socket (which would be created in /tmp) is off.
# (The base image's ASPNETCORE_HTTP_PORTS=8080 is unused: the webhook serves HTTPS only, on --urls or
# https://0.0.0.0:8443.)
ENV DOTNET_EnableDiagnostics=0 \
    DOTNET_NOLOGO=1
# Numeric non-root user, so that Kubernetes can verify runAsNonRoot without /etc/passwd.
USER 65532:65532
EXPOSE 8443
ENTRYPOINT ["dotnet", "/app/Greylane.Webhook.dll"]
CMD ["--tls-cert", "/etc/greylane/tls/tls.crt", "--tls-key", "/etc/greylane/tls/tls.key", "--urls", "https://0.0.0.0:8443"]
