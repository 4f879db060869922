#pragma once

#include "core/result.h"
#include "model/model_graph.h"

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <map>
#include <optional>

namespace pipescope::model {

// What the JSON header of a .safetensors file says about its tensors (the weights are never read).
struct SafetensorsSummary {
    std::map<QString, std::int64_t> elementsByDtype; // "F32" -> elements, "BF16" -> ..., "I64" -> ...
    std::int64_t floatParameters = 0;                // elements of floating point tensors (learned weights)
    int tensors = 0;
};

// Largest header accepted; the safetensors format itself caps it at 100 MB.
constexpr std::int64_t kMaxSafetensorsHeaderBytes = 100 * 1024 * 1024;

// Parses a header held in memory: `bytes` starts at the beginning of the file and holds at least
// the 8-byte little-endian length and the JSON it announces; `fileSize` (the whole file's size, or
// -1 when unknown) bounds the tensors' data offsets.
Result<SafetensorsSummary> parseSafetensorsHeader(const QByteArray& bytes, std::int64_t fileSize,
                                                  const QString& origin);
// Reads only the length and the JSON header from the file.
Result<SafetensorsSummary> readSafetensorsHeader(const QString& path);

// A sentence for the user when the checkpoint's parameter count and the graph's differ by more
// than 1%, nothing otherwise.
std::optional<QString> compareWithGraph(const SafetensorsSummary& summary, const ModelGraph& graph);

} // namespace pipescope::model
