/* For each query q[i], pos[i] = the index of the first of the m keys equal to it, or -1 when
   none is (a linear search in a small unsorted code table). */
// regrapht: size m=64; range q=0:127 keys=0:127; length q=nq pos=nq keys=m
void lookup_first_match_i32(int nq, const int *q, int m, const int *keys, int *pos) {
    for (int i = 0; i < nq; i++) {
        int found = -1;
        for (int j = 0; j < m; j++) {
            if (keys[j] == q[i]) {
                found = j;
                break;
            }
        }
        pos[i] = found;
    }
}
