// When the record changed from elsewhere (a sync, an import, a restore), the shell emits
// `record-changed`; App bumps this counter and the screen on show loads its data again: each
// screen's loading effect reads `refresh.n`, so it runs once at first and again at every bump.

class Refresh {
  n = $state(0);

  bump() {
    this.n += 1;
  }
}

export const refresh = new Refresh();
