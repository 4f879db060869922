#include "cli/flag_parser.h"

#include <QTextStream>

#include <algorithm>

#include <cmath>
#include <cstdio>

namespace pipescope::cli {

FlagParser::FlagParser(QString command, std::vector<FlagSpec> specs)
    : m_command(std::move(command))
    , m_specs(std::move(specs)) {
    const bool hasHelp = std::any_of(m_specs.begin(), m_specs.end(),
                                     [](const FlagSpec& s) { return s.name == QLatin1String("help"); });
    if (!hasHelp)
        m_specs.push_back({QStringLiteral("help"), {}, QStringLiteral("this text")});
}

bool FlagParser::handleHelp(const QString& synopsis) const {
    if (!has(QStringLiteral("help")))
        return false;
    QTextStream(stdout) << "Usage: pipescope " << m_command << ' ' << synopsis << '\n' << usage();
    return true;
}

bool FlagParser::parse(const QStringList& args) {
    for (int i = 0; i < args.size(); ++i) {
        const QString& arg = args[i];
        if (!arg.startsWith(QLatin1String("--"))) {
            m_positional << arg;
            continue;
        }
        QString name = arg.mid(2);
        QString inlineValue;
        bool hasInline = false;
        if (const int eq = name.indexOf(QLatin1Char('=')); eq >= 0) {
            inlineValue = name.mid(eq + 1);
            name = name.left(eq);
            hasInline = true;
        }
        const auto spec =
            std::find_if(m_specs.begin(), m_specs.end(), [&](const FlagSpec& s) { return s.name == name; });
        if (spec == m_specs.end()) {
            QStringList known;
            for (const FlagSpec& s : m_specs)
                known << QStringLiteral("--") + s.name;
            m_error = QStringLiteral("pipescope %1: unknown flag --%2; allowed: %3")
                          .arg(m_command, name, known.join(QStringLiteral(", ")));
            return false;
        }
        if (spec->value.isEmpty()) {
            if (hasInline) {
                m_error = QStringLiteral("pipescope %1: --%2 takes no value").arg(m_command, name);
                return false;
            }
            m_values[name] = QStringLiteral("1");
            continue;
        }
        if (hasInline) {
            m_values[name] = inlineValue;
        } else if (i + 1 < args.size()) {
            m_values[name] = args[++i];
        } else {
            m_error =
                QStringLiteral("pipescope %1: --%2 needs a value (%3)").arg(m_command, name, spec->value);
            return false;
        }
    }
    return true;
}

QString FlagParser::value(const QString& name, const QString& fallback) const {
    const auto it = m_values.find(name);
    return it == m_values.end() ? fallback : it->second;
}

std::optional<long long> FlagParser::integer(const QString& name, long long fallback, long long min,
                                             long long max) {
    if (!has(name))
        return fallback;
    bool ok = false;
    const long long v = value(name).toLongLong(&ok);
    if (!ok || v < min || v > max) {
        m_error = QStringLiteral("pipescope %1: --%2 must be a whole number from %3 to %4, got '%5'")
                      .arg(m_command, name)
                      .arg(min)
                      .arg(max)
                      .arg(value(name));
        return std::nullopt;
    }
    return v;
}

std::optional<double> FlagParser::number(const QString& name, double fallback, double min, double max) {
    if (!has(name))
        return fallback;
    bool ok = false;
    const double v = value(name).toDouble(&ok);
    if (!ok || !std::isfinite(v) || v < min || v > max) {
        m_error = QStringLiteral("pipescope %1: --%2 must be a number from %3 to %4, got '%5'")
                      .arg(m_command, name)
                      .arg(min)
                      .arg(max)
                      .arg(value(name));
        return std::nullopt;
    }
    return v;
}

std::optional<QString> FlagParser::choice(const QString& name, const QString& fallback,
                                          const QStringList& allowed) {
    const QString v = value(name, fallback);
    if (!allowed.contains(v)) {
        m_error = QStringLiteral("pipescope %1: --%2 must be one of %3, got '%4'")
                      .arg(m_command, name, allowed.join(QStringLiteral(", ")), v);
        return std::nullopt;
    }
    return v;
}

QString FlagParser::usage() const {
    QString text;
    for (const FlagSpec& s : m_specs) {
        const QString left = s.value.isEmpty() ? QStringLiteral("--") + s.name
                                               : QStringLiteral("--%1 %2").arg(s.name, s.value);
        text += QStringLiteral("  %1  %2\n").arg(left, -24).arg(s.help);
    }
    return text;
}

int usageError(const QString& message) {
    QTextStream(stderr) << message << '\n';
    return 2;
}

} // namespace pipescope::cli
