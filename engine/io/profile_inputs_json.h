#pragma once

#include "core/json_fields.h"
#include "io/profile.h"

namespace pipescope::io {

// JSON of a run's inputs: everything needed to simulate it again without the catalog.
QJsonObject modelToJson(const model::ModelGraph& model);
QJsonObject instanceToJson(const hardware::InstanceSpec& instance);
QJsonObject configToJson(const compile::DeploymentConfig& config);
QJsonObject workloadToJson(const sim::Workload& workload);

// Each reader checks types and ranges; on failure `diagnostics` names the field's path.
bool modelFromJson(const QJsonObject& json, const QString& path, const ReadLimits& limits,
                   Diagnostics* diagnostics, model::ModelGraph* out);
bool instanceFromJson(const QJsonObject& json, const QString& path, Diagnostics* diagnostics,
                      hardware::InstanceSpec* out);
bool configFromJson(const QJsonObject& json, const QString& path, Diagnostics* diagnostics,
                    compile::DeploymentConfig* out);
bool workloadFromJson(const QJsonObject& json, const QString& path, Diagnostics* diagnostics,
                      sim::Workload* out);

} // namespace pipescope::io
