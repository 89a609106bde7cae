/* One generation of Conway's Game of Life on an n x m board of 0/1 cells (row-major);
   cells outside the board are dead. */
// regrapht: range cur=0:1
void life_step_u8(int n, int m, const unsigned char *cur, unsigned char *next) {
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < m; j++) {
            int alive = 0;
            for (int di = -1; di <= 1; di++) {
                for (int dj = -1; dj <= 1; dj++) {
                    if (di == 0 && dj == 0) continue;
                    int ii = i + di, jj = j + dj;
                    if (ii >= 0 && ii < n && jj >= 0 && jj < m) alive += cur[ii * m + jj];
                }
            }
            unsigned char c = cur[i * m + j];
            next[i * m + j] = (alive == 3 || (c && alive == 2)) ? 1 : 0;
        }
    }
}
