/* rank_new[v] = (1 - damping) / nv + damping * sum over in-neighbours u of rank[u] / outdeg[u],
   with the in-edges of v in src[row_ptr[v] .. row_ptr[v + 1]). */
// regrapht: range outdeg=1:20 rank=0:1 damping=0.85:0.85; length rank=nv outdeg=nv rank_new=nv
void pagerank_pull_f32(int nv, const int *row_ptr, const int *src, const float *rank,
                       const int *outdeg, float damping, float *rank_new) {
    for (int v = 0; v < nv; v++) {
        float s = 0.0f;
        for (int e = row_ptr[v]; e < row_ptr[v + 1]; e++) {
            int u = src[e];
            s += rank[u] / (float)outdeg[u];
        }
        rank_new[v] = (1.0f - damping) / (float)nv + damping * s;
    }
}
