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
True ("true") when the service stores in PostgreSQL (the default: a
Deployment with replicas), empty for SQLite (a single-replica StatefulSet
with a PVC).
*/}}
{{- define "lawenforce.postgres" -}}
{{- if eq (.svc.store.backend | default "postgres") "postgres" }}true{{ end }}
{{- end }}

{{/*
Where the password and the CA of PostgreSQL are mounted; the key of the
service's password in postgres.existingSecret.
*/}}
{{- define "lawenforce.postgresPasswordDir" -}}/var/run/secrets/lawenforce/db{{- end }}
{{- define "lawenforce.postgresCaDir" -}}/var/run/secrets/lawenforce/db-ca{{- end }}
{{- define "lawenforce.postgresPasswordKey" -}}
{{- $own := .svc.store.postgres | default dict }}
{{- $own.passwordKey | default .root.Values.postgres.passwordKey }}
{{- end }}

{{/*
The service's --store URL (LAWENFORCE_STORE, common/store/open.h):
postgres://<user>@<host>:<port>/<database>?sslmode=..&password_file=..[&sslrootcert=..][&params]
or sqlite:///var/lib/lawenforce/<name>.db (on the StatefulSet's volume).
The password never appears: password_file names the mounted Secret key.
*/}}
{{- define "lawenforce.storeUrl" -}}
{{- if include "lawenforce.postgres" . }}
{{- $pg := .root.Values.postgres }}
{{- $own := .svc.store.postgres | default dict }}
{{- $host := required (printf "postgres.host is required: services.%s.store.backend is postgres (docs/operations.md, Kubernetes with Helm)" .name) $pg.host }}
{{- $db := required (printf "services.%s.store.postgres.database is required with store.backend postgres" .name) $own.database }}
{{- $url := printf "postgres://%s@%s:%v/%s?sslmode=%s&password_file=%s/%s" ($own.user | default $pg.user) $host $pg.port $db $pg.sslmode (include "lawenforce.postgresPasswordDir" .) (include "lawenforce.postgresPasswordKey" .) }}
{{- $ca := $pg.ca | default dict }}
{{- if $ca.existingSecret }}
{{- $url = printf "%s&sslrootcert=%s/%s" $url (include "lawenforce.postgresCaDir" .) $ca.key }}
{{- end }}
{{- range $k, $v := merge (deepCopy ($own.params | default dict)) (deepCopy ($pg.params | default dict)) }}
{{- $url = printf "%s&%s=%v" $url $k $v }}
{{- end }}
{{- $url }}
{{- else }}
{{- printf "sqlite:///var/lib/lawenforce/%s.db" .name }}
{{- end }}
{{- end }}

{{- define "lawenforce.redisPasswordSet" -}}
{{- if .Values.redis.existingSecret }}true{{ end }}
{{- end }}
