#include "column_mapping_editor.h"

#include <QComboBox>
#include <QFormLayout>
#include <QSignalBlocker>

namespace pipescope::widgets {
namespace {

// Words that name each field in the exports we have seen (load-test tools, spreadsheets).
QStringList wordsFor(const QString& field) {
    static const std::map<QString, QStringList> words = {
        {QStringLiteral("instance"), {QStringLiteral("instance")}},
        {QStringLiteral("group_sizes"), {QStringLiteral("group")}},
        {QStringLiteral("pipeline_cores"), {QStringLiteral("pipeline")}},
        {QStringLiteral("batch"), {QStringLiteral("batch")}},
        {QStringLiteral("clients"),
         {QStringLiteral("client"), QStringLiteral("concurren"), QStringLiteral("users")}},
        {QStringLiteral("rate_per_s"), {QStringLiteral("rate"), QStringLiteral("arrival")}},
        {QStringLiteral("throughput_per_s"),
         {QStringLiteral("throughput"), QStringLiteral("inf/s"), QStringLiteral("qps"),
          QStringLiteral("rps")}},
        {QStringLiteral("latency_p50_ms"), {QStringLiteral("p50"), QStringLiteral("median")}},
        {QStringLiteral("latency_p95_ms"), {QStringLiteral("p95")}},
        {QStringLiteral("latency_p99_ms"), {QStringLiteral("p99")}},
        {QStringLiteral("model"), {QStringLiteral("model")}},
        {QStringLiteral("sequence_length"), {QStringLiteral("seq")}},
        {QStringLiteral("workers"), {QStringLiteral("worker")}},
    };
    const auto it = words.find(field);
    return it == words.end() ? QStringList{field} : it->second;
}

} // namespace

QString guessColumn(const QString& field, const QStringList& columns, const QStringList& taken) {
    for (const QString& column : columns)
        if (column.compare(field, Qt::CaseInsensitive) == 0 && !taken.contains(column))
            return column;
    for (const QString& word : wordsFor(field))
        for (const QString& column : columns)
            if (column.contains(word, Qt::CaseInsensitive) && !taken.contains(column))
                return column;
    return {};
}

ColumnMappingEditor::ColumnMappingEditor(QWidget* parent)
    : QWidget(parent) {
    auto* form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    for (const QString& field : calibrate::measurementFields()) {
        auto* box = new QComboBox(this);
        box->setObjectName(field);
        box->setSizeAdjustPolicy(QComboBox::AdjustToContents);
        form->addRow(field, box);
        m_boxes[field] = box;
        connect(box, &QComboBox::currentIndexChanged, this, &ColumnMappingEditor::mappingChanged);
    }
}

void ColumnMappingEditor::setColumns(const QStringList& columns) {
    QStringList taken;
    for (const QString& field : calibrate::measurementFields()) {
        QComboBox* box = m_boxes.at(field);
        const QSignalBlocker block(box);
        box->clear();
        box->addItem(tr("(none)"), QString());
        for (const QString& column : columns)
            box->addItem(column, column);
        const QString guess = guessColumn(field, columns, taken);
        if (!guess.isEmpty())
            taken.push_back(guess);
        box->setCurrentIndex(std::max(0, box->findData(guess)));
    }
    emit mappingChanged();
}

calibrate::ColumnMapping ColumnMappingEditor::mapping() const {
    calibrate::ColumnMapping mapping;
    for (const auto& [field, box] : m_boxes)
        if (!box->currentData().toString().isEmpty())
            mapping[field] = box->currentData().toString();
    return mapping;
}

QComboBox* ColumnMappingEditor::fieldBox(const QString& field) const {
    const auto it = m_boxes.find(field);
    return it == m_boxes.end() ? nullptr : it->second;
}

} // namespace pipescope::widgets
