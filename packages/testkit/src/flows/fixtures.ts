/** "Drinks": a buttons question, then an end step that repeats the choice (test runs, the builder's tests). */
export const drinksFlow = {
  start: 'pick',
  variables: [{ name: 'choice', type: 'string' }],
  nodes: [
    {
      id: 'pick',
      type: 'buttons',
      text: 'Tea or coffee?',
      save_as: 'choice',
      buttons: [
        { id: 'tea', title: 'Tea' },
        { id: 'coffee', title: 'Coffee' },
      ],
    },
    { id: 'done', type: 'end', text: 'One {{choice}} coming' },
  ],
  edges: [{ from: 'pick', to: 'done', port: 'next' }],
};
