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

// The weights of the chosen appetite bucket, adjustable. Editing a weight makes the weights custom
// (normalised to sum 1 when sent to the engine); Reset returns to the bucket's weights.
class WeightsPanel : public QWidget {
    Q_OBJECT
public:
    explicit WeightsPanel(QWidget *parent = nullptr);
    void setBucket(const QString &bucket, const Weights &weights);
    void setCustom(const std::optional<Weights> &custom);
    QDoubleSpinBox *spin(int dimension) const { return m_spins[size_t(dimension)]; }

signals:
    void customWeightsChanged(const std::optional<Weights> &weights);

private:
    void edited();
    void show(const Weights &w);
    std::array<QDoubleSpinBox *, 6> m_spins{};
    QLabel *m_title = nullptr;
    QLabel *m_sum = nullptr;
    QPushButton *m_reset = nullptr;
    QString m_bucket;
    Weights m_bucketWeights{};
    bool m_updating = false;
};

} // namespace pw
