// SPDX-License-Identifier: MIT
#pragma once

#include "engine/profile.h"

#include <QWidget>

#include <array>
#include <optional>

class QDoubleSpinBox;
class QLabel;
class QPushButton;

namespace pw {

// The weights of the chosen appetite bucket, adjustable. A weight is applied when the agent presses
// Enter or leaves the field (or steps it with the arrows), never on each keystroke; the raw value typed
// stays in the field and the normalised share the engine uses (sum 1) is shown beside it. Editing makes
// the weights custom; Reset returns to the bucket's weights.
class WeightsPanel : public QWidget {
    Q_OBJECT
public:
    explicit WeightsPanel(QWidget *parent = nullptr);
    void setBucket(const QString &bucket, const Weights &weights);
    void setCustom(const std::optional<Weights> &custom);
    QDoubleSpinBox *spin(int dimension) const { return m_spins[size_t(dimension)]; }
    QLabel *normalisedLabel(int dimension) const { return m_norms[size_t(dimension)]; }

signals:
    // Raw weights as entered (nullopt: the bucket's).
    void customWeightsChanged(const std::optional<Weights> &weights);

private:
    void edited();
    void show(const Weights &w);
    std::array<QDoubleSpinBox *, 6> m_spins{};
    std::array<QLabel *, 6> m_norms{};
    QLabel *m_title = nullptr;
    QLabel *m_sum = nullptr;
    QPushButton *m_reset = nullptr;
    QString m_bucket;
    Weights m_bucketWeights{};
    bool m_updating = false;
};

} // namespace pw
