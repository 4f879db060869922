#pragma once

#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace pipescope {

// What went wrong and where: `where` names the flag, JSON path or file position the user must fix.
struct Error {
    QString message;
    QString where;

    QString toString() const { return where.isEmpty() ? message : where + QStringLiteral(": ") + message; }
};

// A value or an Error. The engine reports bad input through this, never by throwing or aborting.
template <typename T> class Result {
public:
    Result(T value)
        : m_data(std::move(value)) {}
    Result(Error error)
        : m_data(std::move(error)) {}

    bool ok() const { return std::holds_alternative<T>(m_data); }
    explicit operator bool() const { return ok(); }

    const T& value() const& { return std::get<T>(m_data); }
    T& value() & { return std::get<T>(m_data); }
    T&& value() && { return std::get<T>(std::move(m_data)); }
    const T& operator*() const& { return value(); }
    const T* operator->() const { return &value(); }

    const Error& error() const { return std::get<Error>(m_data); }

private:
    std::variant<T, Error> m_data;
};

inline Error makeError(QString message, QString where = {}) {
    return Error{std::move(message), std::move(where)};
}

} // namespace pipescope
