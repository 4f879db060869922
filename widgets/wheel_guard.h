#pragma once

class QWidget;

namespace pipescope::widgets {

// Spin boxes and combo boxes under `root` take wheel events only when they have keyboard focus;
// otherwise the wheel scrolls the panel around them, as the user meant, instead of changing a
// value under the pointer. Clicking or tabbing into a field still lets the wheel change it.
void ignoreWheelUnlessFocused(QWidget* root);

} // namespace pipescope::widgets
