#include "delete_run_command.h"

#include "run_label.h"
#include "session.h"

#include <QCoreApplication>

namespace pipescope::app {

DeleteRunCommand::DeleteRunCommand(widgets::Session* session, int index)
    : m_session(session)
    , m_index(index) {
    const auto& runs = session->runs();
    const bool valid = index >= 0 && index < static_cast<int>(runs.size()) && runs[index];
    setText(valid ? QCoreApplication::translate("DeleteRunCommand", "Delete run %1")
                        .arg(widgets::runLabel(*runs[index]))
                  : QCoreApplication::translate("DeleteRunCommand", "Delete run"));
}

void DeleteRunCommand::redo() {
    if (!m_session)
        return;
    m_wasBaseline = m_session->baselineIndex() == m_index;
    m_wasSelected = m_session->selectedIndex() == m_index;
    m_run = m_session->takeRun(m_index);
}

void DeleteRunCommand::undo() {
    if (!m_session || !m_run)
        return;
    const int previous = m_session->selectedIndex();
    m_session->insertRun(m_index, m_run); // selects the restored run
    if (m_wasBaseline)
        m_session->setBaselineIndex(m_index);
    if (!m_wasSelected && previous >= 0)
        m_session->setSelectedIndex(previous >= m_index ? previous + 1 : previous);
    m_run.reset();
}

} // namespace pipescope::app
