// SPDX-License-Identifier: MIT
#pragma once

#include "casepage.h"
#include "fieldformat.h"

#include <vector>

class QFormLayout;
class QScrollArea;
class QVBoxLayout;

namespace pw {

class CaseDocument;
class FieldBinder;

// A case section made of labelled forms, one group box per object (applicant, address, residence…),
// each bound to a JSON base path. Fits the pane's width and scrolls vertically when the window is small.
class FormPage : public CasePage {
    Q_OBJECT
public:
    struct Group {
        QString title;
        QString basePath;
        std::vector<FieldSpec> fields;
    };
    FormPage(CaseDocument *doc, const QString &title, const QStringList &ownedPrefixes,
             const std::vector<Group> &groups, QWidget *parent = nullptr);

    bool focusPath(const QString &path) override;
    bool ownsPath(const QString &path) const override;
    FieldBinder *binder(int group) const { return m_binders[size_t(group)]; }
    QWidget *editor(const QString &fullPath) const;
    // For pages that add widgets below the forms.
    QVBoxLayout *contentLayout() const { return m_content; }

private:
    std::vector<FieldBinder *> m_binders;
    QStringList m_owned;
    QVBoxLayout *m_content = nullptr;
};

// A scroll area that scrolls vertically only: the inner widget always takes the viewport's width, so a
// form never slides sideways as focus moves and no editor sits past the clip edge (form rows wrap their
// label above the editor when the pane is narrow).
QScrollArea *verticalScrollArea(QWidget *inner, QWidget *parent);

} // namespace pw
