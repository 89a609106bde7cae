#include <cstddef>
#include <vector>

struct Sample {
    double t;     // time stamp
    float value;  // reading
    bool valid;   // passed the quality check
};

// Stable partition of a series of samples, in place: the valid samples first, then the
// invalid ones, each group in its original order (what std::stable_partition does, written
// out with two buffers). Returns the number of valid samples, where the invalid ones begin.
size_t partition_valid_samples(std::vector<Sample>& samples) {
    std::vector<Sample> kept, dropped;
    kept.reserve(samples.size());
    for (size_t i = 0; i < samples.size(); ++i) {
        if (samples[i].valid)
            kept.push_back(samples[i]);
        else
            dropped.push_back(samples[i]);
    }
    size_t k = 0;
    for (const Sample& s : kept) samples[k++] = s;
    for (const Sample& s : dropped) samples[k++] = s;
    return kept.size();
}
