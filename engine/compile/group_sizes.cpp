#include "compile/group_sizes.h"

#include <QStringList>

namespace pipescope::compile {

Result<std::vector<int>> parseGroupSizes(const QString& text) {
    const QString where = QStringLiteral("NEURONCORE_GROUP_SIZES");
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return makeError(QStringLiteral("is empty; write one size per group, e.g. \"1,1,1,1\" or \"4\""),
                         where);
    const QStringList parts = trimmed.split(QLatin1Char(','));
    std::vector<int> sizes;
    sizes.reserve(static_cast<std::size_t>(parts.size()));
    for (int i = 0; i < parts.size(); ++i) {
        const QString part = parts[i].trimmed();
        const QString entry = QStringLiteral("entry %1").arg(i + 1);
        if (part.isEmpty())
            return makeError(QStringLiteral("%1 is empty (a stray comma?)").arg(entry), where);
        bool ok = false;
        const qlonglong value = part.toLongLong(&ok);
        if (!ok)
            return makeError(QStringLiteral("%1 '%2' is not a whole number").arg(entry, part), where);
        if (value < 1)
            return makeError(
                QStringLiteral("%1 is %2; a group needs at least one NeuronCore").arg(entry).arg(value),
                where);
        // No Inf1 instance has more than 64 NeuronCores; anything far above is a typo, and
        // refusing it here keeps later arithmetic in range.
        if (value > 1024)
            return makeError(
                QStringLiteral("%1 is %2; no instance has that many NeuronCores").arg(entry).arg(value),
                where);
        sizes.push_back(static_cast<int>(value));
        if (sizes.size() > 1024)
            return makeError(QStringLiteral("has more than 1024 groups"), where);
    }
    return sizes;
}

QString formatGroupSizes(const std::vector<int>& sizes) {
    QStringList parts;
    for (int size : sizes)
        parts << QString::number(size);
    return parts.join(QLatin1Char(','));
}

QString shortGroupSizes(const std::vector<int>& sizes) {
    const QString plain = formatGroupSizes(sizes);
    if (plain.size() <= 15)
        return plain;
    QStringList parts;
    for (std::size_t i = 0; i < sizes.size();) {
        std::size_t end = i + 1;
        while (end < sizes.size() && sizes[end] == sizes[i])
            ++end;
        if (end - i >= 3)
            parts << QStringLiteral("%1\u00D7%2").arg(end - i).arg(sizes[i]);
        else
            for (std::size_t k = i; k < end; ++k)
                parts << QString::number(sizes[k]);
        i = end;
    }
    return parts.join(QLatin1Char(','));
}

} // namespace pipescope::compile
