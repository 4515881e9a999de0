import { JurisdictionScope } from '../../domain/registry/jurisdiction-scope';

const scope = new JurisdictionScope([
  { id: 'SX', path: '/SX/', successorId: null },
  { id: 'SX-LV', path: '/SX/SX-LV/', successorId: null },
  { id: 'SX-LV-AP', path: '/SX/SX-LV/SX-LV-AP/', successorId: 'SX-APL' },
  { id: 'SX-LV-BM', path: '/SX/SX-LV/SX-LV-BM/', successorId: 'SX-BM' },
  { id: 'SX-APL', path: '/SX/SX-APL/', successorId: null },
  { id: 'SX-BM', path: '/SX/SX-BM/', successorId: null },
  { id: 'SX-APL10', path: '/SX/SX-APL10/', successorId: null },
]);

describe('JurisdictionScope', () => {
  it('covers the own subtree and nothing beside it', () => {
    expect(scope.covers('/SX/SX-APL/', 'SX-APL')).toBe(true);
    expect(scope.covers('/SX/SX-APL/', 'SX-BM')).toBe(false);
    expect(scope.covers('/SX/', 'SX-BM')).toBe(true);
  });

  it('does not confuse a unit with another whose id starts the same way', () => {
    expect(scope.covers('/SX/SX-APL/', 'SX-APL10')).toBe(false);
  });

  it('covers an abolished commune through the commune it merged into', () => {
    expect(scope.covers('/SX/SX-APL/', 'SX-LV-AP')).toBe(true);
    expect(scope.covers('/SX/SX-APL/', 'SX-LV-BM')).toBe(false);
  });

  it('lets a commune see the name of its province but not of its neighbour', () => {
    expect(scope.isVisibleFrom('/SX/SX-APL/', 'SX')).toBe(true);
    expect(scope.isVisibleFrom('/SX/SX-APL/', 'SX-BM')).toBe(false);
    expect(scope.isVisibleFrom('/SX/SX-APL/', 'unknown')).toBe(false);
  });

  it('survives a successor cycle in bad data', () => {
    const cyclic = new JurisdictionScope([
      { id: 'A', path: '/A/', successorId: 'B' },
      { id: 'B', path: '/B/', successorId: 'A' },
    ]);
    expect(cyclic.pathsOf('A')).toEqual(['/A/', '/B/']);
  });
});
