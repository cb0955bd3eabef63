// SPDX-License-Identifier: MIT
#pragma once

#include <QComboBox>
#include <QElapsedTimer>

namespace pw {

// The combo box of a choice field (form or table cell). Typing picks the item whose value or label is
// the whole typed text ("A" is the grade A, not the first grade starting with A); only when nothing
// matches exactly does the first item starting with the typed text win. Like Qt's own type-ahead, keys
// typed within the keyboard input interval add up, and a pick emits activated(). The mouse wheel
// changes the value only while the box has focus; otherwise the wheel scrolls the form around it.
class ChoiceBox : public QComboBox {
    Q_OBJECT
public:
    explicit ChoiceBox(QWidget *parent = nullptr);

    // The index of the item whose value (item data) or label matches `text` as the type-ahead does
    // (exact first, then prefix; case-insensitive), -1 when none does.
    int matchTyped(const QString &text) const;

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;

private:
    QString m_typed;
    QElapsedTimer m_sinceKey;
};

} // namespace pw
