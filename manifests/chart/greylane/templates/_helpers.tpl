{{/* The base name of every object: the release name, or release-greylane when it does not say greylane. */}}
{{- define "greylane.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 55 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 55 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "greylane.serviceName" -}}
{{- printf "%s-webhook" (include "greylane.fullname" .) -}}
{{- end -}}

{{- define "greylane.selectorLabels" -}}
app.kubernetes.io/name: greylane
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: webhook
{{- end -}}

{{- define "greylane.labels" -}}
app.kubernetes.io/name: greylane
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/part-of: greylane
app.kubernetes.io/version: {{ include "greylane.tag" . | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{- define "greylane.tag" -}}
{{- .Values.image.tag | default .Chart.AppVersion | toString -}}
{{- end -}}

{{/* The Secret holding tls.crt and tls.key: the provided one, or the one cert-manager writes. */}}
{{- define "greylane.tlsSecret" -}}
{{- if eq .Values.certificates.mode "cert-manager" -}}
{{- printf "%s-webhook-tls" (include "greylane.fullname" .) -}}
{{- else -}}
{{- required "certificates.secret.name is required: name the kubernetes.io/tls Secret that holds the webhook's tls.crt and tls.key" .Values.certificates.secret.name -}}
{{- end -}}
{{- end -}}

{{- define "greylane.checkMode" -}}
{{- if not (has .Values.certificates.mode (list "secret" "cert-manager")) -}}
{{- fail (printf "certificates.mode %q is not known: use secret (your own Secret and caBundle) or cert-manager" .Values.certificates.mode) -}}
{{- end -}}
{{- end -}}

{{/* The Secret that may hold notification addresses (keys urls and slack-url). */}}
{{- define "greylane.notifySecret" -}}
{{- .Values.notifications.secretName | default (printf "%s-notify" (include "greylane.fullname" .)) -}}
{{- end -}}
