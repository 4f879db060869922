// libFuzzer target: any bytes given to the Hugging Face config reader and to the safetensors
// header reader give a result or an Error, never a crash, a sanitizer report or a huge allocation.
#include "model/hf_config.h"
#include "model/safetensors_header.h"
#include "model/transformer.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto bytes =
        QByteArray::fromRawData(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    const auto config = pipescope::model::parseHfConfig(bytes, QStringLiteral("fuzz/config.json"));
    if (config.ok()) {
        // Short sequences keep each input fast; the reader's bounds keep every product finite.
        const auto graph = pipescope::model::buildTransformer(*config, 8, 2);
        if (graph.parameters() <= 0 || graph.flopsPerSample() <= 0)
            __builtin_trap(); // a config that parses describes a real network
    }
    const auto header = pipescope::model::parseSafetensorsHeader(bytes, static_cast<std::int64_t>(size),
                                                                 QStringLiteral("fuzz/model.safetensors"));
    if (header.ok() && header->floatParameters < 0)
        __builtin_trap();
    return 0;
}
