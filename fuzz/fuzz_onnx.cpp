// libFuzzer target: any bytes given to the ONNX loader give a graph or an Error, never a crash,
// a sanitizer report or an allocation beyond what the input justifies.
#include "model/onnx_loader.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto bytes =
        QByteArray::fromRawData(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    const auto graph = pipescope::model::parseOnnx(bytes, 16, 2, QStringLiteral("fuzz.onnx"));
    if (graph.ok())
        for (const auto& op : graph->ops)
            if (op.flops < 0 || op.weightBytes < 0 || op.activationOutBytes < 0)
                __builtin_trap(); // costs are counts and sizes
    return 0;
}
