// SPDX-License-Identifier: MIT
#pragma once

#include <QLabel>

namespace pw {

// A one-line plain-text label that takes the room its layout gives it and elides its text in the middle
// when that room is too small (the whole text is in the tooltip): it never pushes its neighbours away or
// draws over them.
class ElidingLabel : public QLabel {
    Q_OBJECT
public:
    explicit ElidingLabel(QWidget *parent = nullptr);
    void setFullText(const QString &text); // sets the tooltip too (escaped)
    QString fullText() const { return m_text; }
    QSize minimumSizeHint() const override;
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QString m_text;
};

} // namespace pw
