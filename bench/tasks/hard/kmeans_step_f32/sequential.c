/* One k-means (Lloyd) iteration on n points of d coordinates (row-major) and k centroids:
   assign[i] = the centroid nearest to point i (squared Euclidean distance; a tie goes to the
   smaller index), counts[c] = how many points chose c, and new_cent[c] = the mean of those
   points (the old centroid if none did). */
// regrapht: size d=8 k=16
// regrapht: length pts=n*d cent=k*d assign=n counts=k new_cent=k*d
void kmeans_step_f32(int n, int d, int k, const float *pts, const float *cent, int *assign,
                     int *counts, float *new_cent) {
    for (int c = 0; c < k; c++) {
        counts[c] = 0;
        for (int t = 0; t < d; t++) new_cent[c * d + t] = 0.0f;
    }
    for (int i = 0; i < n; i++) {
        int best = 0;
        float best_dist = 0.0f;
        for (int c = 0; c < k; c++) {
            float dist = 0.0f;
            for (int t = 0; t < d; t++) {
                float diff = pts[i * d + t] - cent[c * d + t];
                dist += diff * diff;
            }
            if (c == 0 || dist < best_dist) {
                best = c;
                best_dist = dist;
            }
        }
        assign[i] = best;
        counts[best]++;
        for (int t = 0; t < d; t++) new_cent[best * d + t] += pts[i * d + t];
    }
    for (int c = 0; c < k; c++) {
        for (int t = 0; t < d; t++) {
            if (counts[c] > 0) new_cent[c * d + t] /= (float)counts[c];
            else new_cent[c * d + t] = cent[c * d + t];
        }
    }
}
