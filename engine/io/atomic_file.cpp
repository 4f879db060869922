#include "io/atomic_file.h"

#include <QSaveFile>

namespace pipescope::io {

std::optional<Error> writeFileAtomically(const QString& path, const QByteArray& bytes) {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return makeError(QStringLiteral("cannot write: %1").arg(file.errorString()), path);
    if (file.write(bytes) != bytes.size()) {
        const QString reason = file.errorString();
        file.cancelWriting();
        return makeError(QStringLiteral("cannot write: %1").arg(reason), path);
    }
    if (!file.commit())
        return makeError(QStringLiteral("cannot save: %1").arg(file.errorString()), path);
    return std::nullopt;
}

} // namespace pipescope::io
