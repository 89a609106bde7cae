#include <cmath>
#include <cstddef>
#include <vector>

// Clipping detector for recorded audio: true when a run of at least CLIP_RUN consecutive
// samples sits at or beyond the clip level (|x| >= level), the signature of a saturated
// converter. Returns at the first such run.
#define CLIP_RUN 3

// regrapht: range level=0.98:1
bool detect_clipping_f32(const std::vector<float>& x, float level) {
    size_t run = 0;
    for (size_t i = 0; i < x.size(); ++i) {
        if (std::fabs(x[i]) >= level) {
            if (++run >= CLIP_RUN) return true;
        } else {
            run = 0;
        }
    }
    return false;
}
