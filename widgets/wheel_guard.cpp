#include "wheel_guard.h"

#include <QAbstractSpinBox>
#include <QComboBox>
#include <QEvent>
#include <QObject>
#include <QWidget>

namespace pipescope::widgets {
namespace {

class WheelGuard : public QObject {
public:
    using QObject::QObject;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override {
        if (event->type() != QEvent::Wheel)
            return false;
        auto* widget = static_cast<QWidget*>(watched);
        if (widget->hasFocus())
            return false;
        // Not delivered to the field; ignored, so QApplication passes it on to the parents and
        // the enclosing scroll area scrolls.
        event->ignore();
        return true;
    }
};

} // namespace

void ignoreWheelUnlessFocused(QWidget* root) {
    auto* guard = new WheelGuard(root);
    QList<QWidget*> fields;
    for (auto* spin : root->findChildren<QAbstractSpinBox*>())
        fields << spin;
    for (auto* combo : root->findChildren<QComboBox*>())
        fields << combo;
    for (QWidget* field : fields) {
        field->setFocusPolicy(Qt::StrongFocus); // the wheel alone never gives focus
        field->installEventFilter(guard);
    }
}

} // namespace pipescope::widgets
