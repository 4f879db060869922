#include "explore/deployment_kind.h"

#include <QObject>

namespace pipescope::widgets {

DeploymentKind deploymentKind(const sim::RunInputs& inputs) {
    if (inputs.instance.isGpu())
        return DeploymentKind::Gpu;
    return inputs.config.pipelineCores > 1 ? DeploymentKind::Pipeline : DeploymentKind::DataParallel;
}

QString deploymentKindName(DeploymentKind kind) {
    switch (kind) {
    case DeploymentKind::DataParallel:
        return QObject::tr("data parallel");
    case DeploymentKind::Pipeline:
        return QObject::tr("pipeline");
    case DeploymentKind::Gpu:
        return QObject::tr("GPU");
    }
    return {};
}

} // namespace pipescope::widgets
