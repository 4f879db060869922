#include "compile/deployment.h"

#include <algorithm>

namespace pipescope::compile {

int dataTypeBytes(DataType type) {
    switch (type) {
    case DataType::BF16:
    case DataType::FP16:
        return 2;
    case DataType::FP32:
        return 4;
    case DataType::INT8:
        return 1;
    }
    return 2;
}

QString dataTypeName(DataType type) {
    switch (type) {
    case DataType::BF16:
        return QStringLiteral("bf16");
    case DataType::FP16:
        return QStringLiteral("fp16");
    case DataType::FP32:
        return QStringLiteral("fp32");
    case DataType::INT8:
        return QStringLiteral("int8");
    }
    return QStringLiteral("bf16");
}

bool parseDataType(const QString& text, DataType* out) {
    for (DataType t : {DataType::BF16, DataType::FP16, DataType::FP32, DataType::INT8}) {
        if (text.compare(dataTypeName(t), Qt::CaseInsensitive) == 0) {
            *out = t;
            return true;
        }
    }
    return false;
}

int servingWorkers(const DeploymentConfig& config, bool gpu) {
    if (config.workers > 0)
        return config.workers;
    return gpu ? 1 : std::max(1, static_cast<int>(config.groupSizes.size()));
}

QString deploymentMode(const DeploymentConfig& config, bool gpu) {
    if (gpu)
        return QStringLiteral("gpu");
    return config.pipelineCores > 1 ? QStringLiteral("pipeline") : QStringLiteral("data parallel");
}

} // namespace pipescope::compile
