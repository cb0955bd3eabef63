// SPDX-License-Identifier: MIT
#include "formpage.h"

#include "casedocument.h"
#include "fieldbinder.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QScrollArea>
#include <QVBoxLayout>

namespace pw {

FormPage::FormPage(CaseDocument *doc, const QString &title, const QStringList &ownedPrefixes,
                   const std::vector<Group> &groups, QWidget *parent)
    : CasePage(parent)
    , m_owned(ownedPrefixes) {
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto *inner = new QWidget(scroll);
    m_content = new QVBoxLayout(inner);
    auto *heading = new QLabel(QStringLiteral("<h3>%1</h3>").arg(title.toHtmlEscaped()), inner);
    m_content->addWidget(heading);
    for (const Group &g : groups) {
        auto *box = new QGroupBox(g.title, inner);
        auto *form = new QFormLayout(box);
        form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
        auto *binder = new FieldBinder(doc, g.basePath, this);
        connect(binder, &FieldBinder::inputRejected, this, &CasePage::message);
        binder->addRows(form, g.fields, box);
        m_binders.push_back(binder);
        m_content->addWidget(box);
    }
    m_content->addStretch(1);
    scroll->setWidget(inner);
    outer->addWidget(scroll);
}

bool FormPage::focusPath(const QString &path) {
    for (FieldBinder *b : m_binders)
        if (b->focusPath(path)) return true;
    return false;
}

bool FormPage::ownsPath(const QString &path) const {
    for (const QString &p : m_owned)
        if (path == p || path.startsWith(p + u'.') || path.startsWith(p + u'[')) return true;
    return false;
}

QWidget *FormPage::editor(const QString &fullPath) const {
    for (FieldBinder *b : m_binders) {
        const QString prefix = b->basePath() + u'.';
        if (fullPath.startsWith(prefix))
            if (QWidget *w = b->editorFor(fullPath.mid(prefix.size()))) return w;
    }
    return nullptr;
}

} // namespace pw
