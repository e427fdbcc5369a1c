# Greylane — everyday commands. `make help` lists them.
SHELL := /bin/bash
CONFIG ?= Release
RESULTS := TestResults
# Test projects run side by side: most suites wait on processes and loopback servers, not on the CPU.
TEST_JOBS ?= 3
PLUGIN_OUT ?= artifacts/plugin

.PHONY: help build test run webhook certs sandbox demo bench bench-controller publish plugin clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -e 's/:.*## /\t/' -e 's/\$$\$$/$$/g'

build: ## build everything
	dotnet build Webhook.sln -c $(CONFIG)

test: ## run every test; TRX results land in TestResults/
	rm -rf $(RESULTS)
	dotnet test Webhook.sln -c $(CONFIG) -m:$(TEST_JOBS) --logger trx --results-directory $(RESULTS)

certs: ## make a local CA and serving certificate in certs/out
	bash certs/make-certs.sh certs/out

run: ## run Greylane: against $$KUBECONFIG when set (webhook + controller), else the seed demo on the sandbox
ifdef KUBECONFIG
	$(MAKE) certs
	dotnet run -c Release --project src/Greylane.Webhook -- --urls https://127.0.0.1:8443 --tls-cert $(CURDIR)/certs/out/tls.crt --tls-key $(CURDIR)/certs/out/tls.key --kubeconfig $(KUBECONFIG) --controller true
else
	$(MAKE) demo
endif

webhook: certs ## run the webhook alone on https://127.0.0.1:8443, no controller (Release build)
	dotnet run -c Release --project src/Greylane.Webhook -- --urls https://127.0.0.1:8443 --tls-cert $(CURDIR)/certs/out/tls.crt --tls-key $(CURDIR)/certs/out/tls.key --controller false

SANDBOX_DIR ?= $(CURDIR)/.sandbox

sandbox: ## the playground until Ctrl-C: API server (6443), Greylane, gateway, real pods, Prometheus; source .sandbox/env (ARGS=--api-only: the emulator alone)
	dotnet build -c $(CONFIG) --disable-build-servers src/Greylane.Demo
	dotnet run -c $(CONFIG) --no-build --project src/Greylane.Demo -- --playground $(SANDBOX_DIR) $(ARGS)

demo: ## the seed demo on the sandbox (exits 0 only if release 1 completes and release 2 is rolled back)
	dotnet build -c $(CONFIG) src/Greylane.Demo
	dotnet run -c $(CONFIG) --no-build --project src/Greylane.Demo -- $(ARGS)

bench: ## the webhook benchmark (not part of make test)
	dotnet run -c Release --project tests/Greylane.Benchmarks

bench-controller: ## the controller at 10,000 Deployments, 100 releasing (a few minutes; --quick via ARGS=--quick)
	dotnet run -c Release --project tests/Greylane.ControllerBenchmark -- $(ARGS)

plugin: ## the kubectl plugin as one executable file: artifacts/plugin/kubectl-greylane (PLUGIN_OUT=DIR for another place)
	dotnet publish src/Greylane.Cli -c Release --use-current-runtime -o $(PLUGIN_OUT)

publish: ## self-contained webhook binary in artifacts/
	dotnet publish src/Greylane.Webhook -c Release -r linux-x64 --self-contained -o artifacts/greylane

clean: ## remove build output
	dotnet clean Webhook.sln >/dev/null
	rm -rf $(RESULTS) artifacts BenchmarkDotNet.Artifacts .sandbox certs/out
