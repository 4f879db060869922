#pragma once

#include <QString>
#include <QStringList>

#include <map>
#include <optional>
#include <vector>

namespace pipescope::cli {

// One flag a subcommand accepts.
struct FlagSpec {
    QString name;  // without the leading "--"
    QString value; // placeholder for its value ("N", "FILE"); empty for a switch
    QString help;
};

// A strict `--flag value` parser. Every failure is one line naming the flag and what is allowed,
// meant for stderr followed by exit code 2.
class FlagParser {
public:
    FlagParser(QString command, std::vector<FlagSpec> specs);

    bool parse(const QStringList& args); // args after the subcommand name
    QString error() const { return m_error; }

    bool has(const QString& name) const { return m_values.count(name) > 0; }
    QString value(const QString& name, const QString& fallback = {}) const;
    // Whole numbers and decimals within [min, max]; on failure error() is set and nullopt returned.
    std::optional<long long> integer(const QString& name, long long fallback, long long min, long long max);
    std::optional<double> number(const QString& name, double fallback, double min, double max);
    // Fails unless the value is one of `allowed`.
    std::optional<QString> choice(const QString& name, const QString& fallback, const QStringList& allowed);

    QString usage() const; // one line per flag, for --help
    // When --help was given (every command accepts it), prints "Usage: pipescope CMD SYNOPSIS" and
    // the flags on stdout and returns true: the command then exits 0.
    bool handleHelp(const QString& synopsis = QStringLiteral("[flags]")) const;
    const QStringList& positional() const { return m_positional; }

private:
    QString m_command;
    std::vector<FlagSpec> m_specs;
    std::map<QString, QString> m_values;
    QStringList m_positional;
    QString m_error;
};

// Prints `message` ("pipescope CMD: ...") as one line on stderr and returns the bad-usage exit code (2).
int usageError(const QString& message);

} // namespace pipescope::cli
