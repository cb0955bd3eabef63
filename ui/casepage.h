// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

namespace pw {

// One section of the case editor (Insured, Residence, Drivers…). A page can bring the editor of a JSON
// path into view and focus it, which is how a click on a problem opens the field it names.
class CasePage : public QWidget {
    Q_OBJECT
public:
    using QWidget::QWidget;
    virtual bool focusPath(const QString &path) = 0;
    // Whether a problem at this path belongs to this page (for the section's ⚠ badge).
    virtual bool ownsPath(const QString &path) const = 0;

signals:
    void message(const QString &text);
};

} // namespace pw
