// SPDX-License-Identifier: MIT
#include "compositepage.h"

#include <QTabWidget>
#include <QVBoxLayout>

namespace pw {

CompositePage::CompositePage(Arrangement arrangement, QWidget *parent)
    : CasePage(parent) {
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    if (arrangement == Arrangement::Tabbed) {
        m_tabs = new QTabWidget(this);
        layout->addWidget(m_tabs);
    }
}

void CompositePage::addPage(CasePage *page, const QString &title, int stretch) {
    m_pages.push_back(page);
    connect(page, &CasePage::message, this, &CasePage::message);
    if (m_tabs)
        m_tabs->addTab(page, title);
    else
        static_cast<QVBoxLayout *>(layout())->addWidget(page, stretch);
}

bool CompositePage::focusPath(const QString &path) {
    for (CasePage *p : m_pages)
        if (p->ownsPath(path)) {
            if (m_tabs) m_tabs->setCurrentWidget(p);
            return p->focusPath(path);
        }
    return false;
}

bool CompositePage::ownsPath(const QString &path) const {
    for (CasePage *p : m_pages)
        if (p->ownsPath(path)) return true;
    return false;
}

} // namespace pw
