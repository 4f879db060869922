#pragma once

#include "core/result.h"
#include "model/transformer.h"

#include <QByteArray>
#include <QStringList>

namespace pipescope::model {

// The Hugging Face `model_type` values the config reader understands.
QStringList supportedHfModelTypes();

// Reads the architecture of a Hugging Face config.json held in memory: BERT, RoBERTa,
// XLM-RoBERTa, DistilBERT, ALBERT, ELECTRA and GPT-2 (as one forward pass with its LM head).
// Errors name the key that is missing or out of range; `origin` (a file path) prefixes them.
Result<TransformerConfig> parseHfConfig(const QByteArray& json, const QString& origin);

} // namespace pipescope::model
