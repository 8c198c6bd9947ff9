{{/*
Chart name, truncated to 63 characters (the DNS label limit).
*/}}
{{- define "lawenforce.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Fully qualified app name, truncated to 63 characters. When the release name
already contains the chart name it is used as is.
*/}}
{{- define "lawenforce.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Chart name and version, for the helm.sh/chart label.
*/}}
{{- define "lawenforce.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Labels of every object.
*/}}
{{- define "lawenforce.labels" -}}
helm.sh/chart: {{ include "lawenforce.chart" . }}
app.kubernetes.io/name: {{ include "lawenforce.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: lawenforce
{{- end }}

{{/*
Per-service helpers take a dict: root (the chart's top context), name (the
service's name in services/services.json) and svc (its values block).
*/}}
{{- define "lawenforce.componentName" -}}
{{- printf "%s-%s" (include "lawenforce.fullname" .root) .name | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "lawenforce.selectorLabels" -}}
app.kubernetes.io/name: {{ include "lawenforce.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .name }}
{{- end }}

{{- define "lawenforce.componentLabels" -}}
{{ include "lawenforce.labels" .root }}
app.kubernetes.io/component: {{ .name }}
{{- end }}

{{/*
The Prometheus job name of a service: lawenforce-<name>, the same as the
local scrape config (deploy/prometheus/prometheus.yml), so that the rules
and dashboards work unchanged. The ServiceMonitor reads it from this label.
*/}}
{{- define "lawenforce.jobLabelKey" -}}lawenforce.gov.cn/job{{- end }}

{{- define "lawenforce.image" -}}
{{- $img := .svc.image | default dict }}
{{- $repo := $img.repository | default (printf "%s/%s-service" .root.Values.image.repository .name) }}
{{- $tag := $img.tag | default .root.Values.image.tag | default .root.Chart.AppVersion }}
{{- if .root.Values.image.registry }}
{{- printf "%s/%s:%s" .root.Values.image.registry $repo $tag }}
{{- else }}
{{- printf "%s:%s" $repo $tag }}
{{- end }}
{{- end }}

{{- define "lawenforce.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "lawenforce.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
The port the kubelet's gRPC probes use: the gRPC port with TLS off, the
plaintext --health-listen port with TLS on (the kubelet speaks no TLS).
*/}}
{{- define "lawenforce.probePort" -}}
{{- if .root.Values.tls.enabled }}{{ .svc.ports.health }}{{ else }}{{ .svc.ports.grpc }}{{ end }}
{{- end }}

{{/*
True ("true") when the service stores in PostgreSQL (a Deployment with
replicas), empty for SQLite (a single-replica StatefulSet with a PVC).
*/}}
{{- define "lawenforce.postgres" -}}
{{- if eq (.svc.store.backend | default "sqlite") "postgres" }}true{{ end }}
{{- end }}

{{- define "lawenforce.redisPasswordSet" -}}
{{- if .Values.redis.existingSecret }}true{{ end }}
{{- end }}
