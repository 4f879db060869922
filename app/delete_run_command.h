#pragma once

#include "sim/run.h"

#include <QPointer>
#include <QUndoCommand>

namespace pipescope::widgets {
class Session;
}

namespace pipescope::app {

// Removes one run from the session; undo puts it back at the same row, baseline included.
class DeleteRunCommand : public QUndoCommand {
public:
    DeleteRunCommand(widgets::Session* session, int index);

    void redo() override;
    void undo() override;

private:
    QPointer<widgets::Session> m_session;
    int m_index;
    sim::RunPtr m_run;
    bool m_wasBaseline = false;
    bool m_wasSelected = false;
};

} // namespace pipescope::app
