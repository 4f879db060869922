#pragma once

#include <QString>
#include <QStringList>

namespace pipescope::io {

// Splits one CSV line into its fields (RFC 4180 quoting: "1,1,1,1" is one field and "" inside a
// quoted field is one quote). Line breaks inside quotes are not supported: the reference files
// keep one record per line so that a parse error can name its line.
QStringList splitCsvLine(const QString& line);

} // namespace pipescope::io
