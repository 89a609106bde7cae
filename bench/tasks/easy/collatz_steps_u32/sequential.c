/* Steps of the 3x+1 map until 1 for each start value (capped at 1000 steps; 0 stays 0). */
// regrapht: range start=1:1000000
void collatz_steps_u32(int n, const unsigned int *start, unsigned int *steps) {
    for (int i = 0; i < n; i++) {
        unsigned long long v = start[i];
        unsigned int s = 0;
        while (v > 1 && s < 1000) {
            v = (v & 1) ? 3 * v + 1 : v / 2;
            s++;
        }
        steps[i] = s;
    }
}
